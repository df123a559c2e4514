"""The colours of the analysis, without matplotlib: the pages use them for the traffic lights before (or
without) any chart being drawn."""

# Okabe & Ito (2008), safe for the common forms of colour blindness.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7", "black": "#000000"}
CATEGORY_COLOURS = {"present": OKABE_ITO["bluish_green"], "cancelled": OKABE_ITO["sky_blue"],
                    "late": OKABE_ITO["orange"], "absent": OKABE_ITO["vermillion"]}
LEVEL_COLOURS = {"red": OKABE_ITO["vermillion"], "yellow": OKABE_ITO["orange"], "green": OKABE_ITO["bluish_green"],
                 "none": "#999999"}
