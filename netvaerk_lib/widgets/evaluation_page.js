// The members' server's page: the evaluation form's module, rendered against the HTTP model adapter with the
// state the page came with (texts, and the questions when the link carried a usable code).
import form from "./evaluation_form.js";
import { HttpModel } from "./http_model.js";

const state = JSON.parse(document.getElementById("nv-evaluation-state").textContent);
const el = document.getElementById("nv-evaluation");
el.replaceChildren();
form.render({ model: new HttpModel(state, "api/evaluation"), el });
