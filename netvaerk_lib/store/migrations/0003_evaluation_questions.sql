-- The default evaluation question set, from the guide: energy, personal gain, focus, and its two open questions.
INSERT INTO evaluation_questions (key, kind, label_da, label_en, position, required) VALUES
    ('energy', 'rating', 'Hvor meget energi går du fra mødet med?', 'How much energy do you leave the meeting with?', 1, 1),
    ('gain', 'rating', 'Hvor stort har dit personlige udbytte været i dag?', 'How much did you personally gain today?', 2, 1),
    ('topic', 'rating', 'Hvor relevant var dagens emne for dig?', 'How relevant was today''s topic to you?', 3, 1),
    ('safety', 'rating', 'Hvor trygt var det at dele tvivl og erfaringer?', 'How safe did it feel to share doubts and experiences?', 4, 1),
    ('rules', 'rating', 'Holdt vi vores spilleregler?', 'Did we keep our ground rules?', 5, 1),
    ('good', 'text', 'Hvad har især været godt i dag?', 'What was especially good today?', 6, 0),
    ('missed', 'text', 'Hvad savnede vi i dag?', 'What did we miss today?', 7, 0);
