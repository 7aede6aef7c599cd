#!/usr/bin/env python3
"""Writes the XLSForm fixtures of the import tests, each as an .xlsx file and as a folder of
CSV files (survey.csv, choices.csv, settings.csv). Standard library only, so it runs on a
fresh machine: `python3 make_fixtures.py` in this folder.

The .xlsx files are minimal but real workbooks (ECMA-376 parts in a zip). To exercise the
reader they mix the ways spreadsheet programs store text: shared strings (one of them as
rich-text runs), inline strings, numbers as numeric cells, booleans, and rows that leave out
empty cells (so columns come from cell references such as "D7").
"""
import csv
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))

EN, ES = "English (en)", "Español (es)"


def lang(col, language):
    return f"{col}::{language}"


# ---------------------------------------------------------------------------------------------
# Form 1: intake, two languages, every question type and every expression function but count().
INTAKE_SURVEY = [
    ["type", "name", lang("label", EN), lang("label", ES), lang("hint", EN), lang("hint", ES), "required",
     "relevant", "constraint", lang("constraint_message", EN), lang("constraint_message", ES), "calculation",
     "appearance", "parameters", lang("guidance_hint", EN), lang("guidance_hint", ES)],
    ["begin group", "about", "About you", "Sobre usted"],
    ["note", "welcome", 'Welcome, "friend".\nWe ask one question at a time, and you can say "I don\'t know".',
     'Bienvenido, "amigo".\nHacemos una pregunta a la vez, y puede decir "No sé".',
     "Nothing you say is sent anywhere.", "Nada de lo que diga se envía a ningún lugar."],
    ["text", "full_name", "What is your full name?", "¿Cuál es su nombre completo?",
     "As on your documents, if you have any.", "Como aparece en sus documentos, si los tiene.", "yes", "",
     "string-length(.) >= 2", "Write at least two letters.", "Escriba al menos dos letras."],
    ["text", "nickname", "What do people call you?", "¿Cómo le llaman?"],
    ["calculate", "display_name", "Name to use", "Nombre que se usa", "", "", "", "", "", "", "",
     "coalesce(${nickname}, ${full_name})"],
    ["date", "birth_date", "When were you born?", "¿Cuándo nació?", "", "", True, "",
     ". < today() and . > date('1900-01-01')", "This date is not possible.", "Esta fecha no es posible."],
    ["integer", "age", "How old are you?", "¿Cuántos años tiene?", "", "", "yes", "",
     ". >= 0 and . <= 120", "Give an age from 0 to 120.", "Indique una edad de 0 a 120."],
    ["calculate", "age_group", "", "", "", "", "", "", "", "", "", "if(${age} >= 18, 'adult', 'minor')"],
    ["text", "guardian", "Who takes care of you here?", "¿Quién le cuida aquí?", "", "", "", "${age_group} = 'minor'"],
    ["select_one yes_no", "has_a_number", "Do you have an A-number?", "¿Tiene un número A?"],
    ["text", "a_number", "What is your A-number?", "¿Cuál es su número A?", "", "", "",
     "${has_a_number} = 'yes'", "regex(., '^A?[0-9]{8,9}$')", "8 or 9 digits, perhaps after an A.",
     "8 o 9 cifras, quizá después de una A.", "", "", "", "It is on every immigration paper.",
     "Aparece en cada papel de inmigración."],
    ["end group"],
    ["begin group", "journey", "Your journey", "Su viaje", "", "", "", "${age} >= 14 or ${has_a_number} != 'no'"],
    ["select_one countries or_other", "country", "Which country are you from?", "¿De qué país es usted?", "", "", "yes"],
    ["select_multiple languages", "langs", "Which languages do you speak?", "¿Qué idiomas habla?", "", "", "",
     "", "count-selected(.) >= 1 and count-selected(.) <= 2"],
    ["text", "best_language", "Which language is best for you?", "¿Qué idioma le resulta mejor?", "", "", "",
     "count-selected(${langs}) >= 2"],
    ["begin group", "interpreting", "", "", "", "", "", "not(selected(${langs}, 'en'))"],
    ["acknowledge", "interpreter_ok", "An interpreter will help you. Is that all right?",
     "Un intérprete le ayudará. ¿Está bien?"],
    ["end group"],
    ["decimal", "weeks_travel", "How many weeks did the journey take?", "¿Cuántas semanas duró el viaje?", "", "", "",
     "", ". > 0", "More than zero, please.", "Más de cero, por favor."],
    ["range", "fear_level", "How afraid are you of going back, from 1 to 5?",
     "¿Cuánto miedo tiene de regresar, de 1 a 5?", "", "", "", "", "", "", "", "", "", "start=1 end=5 step=1"],
    ["text", "fear_story", "Tell us why.", "Cuéntenos por qué.", "", "", "",
     "${fear_level} >= 3 and ${interpreter_ok} != 'OK' or ${fear_level} > 4", "", "", "", "", "multiline"],
    ["date", "left_date", "When did you leave your country?", "¿Cuándo salió de su país?", "", "", "", "",
     ". >= ${birth_date}", "This is before your birth date.", "Es antes de su fecha de nacimiento.", "", "month-year"],
    ["integer", "companions", "How many people travelled with you?", "¿Cuántas personas viajaron con usted?", "", "",
     "", "${weeks_travel} <= 8 and ${weeks_travel} < 100", ". < 20", "Fewer than 20.", "Menos de 20."],
    ["calculate", "group_size", "", "", "", "", "", "", "", "", "", "${companions} + 1 - 0"],
    ["note", "thanks", "Thank you, ${display_name}. You told us about ${group_size} people.",
     "Gracias, ${display_name}. Nos habló de ${group_size} personas."],
    ["end group"],
]

INTAKE_CHOICES = [
    ["list_name", "name", lang("label", EN), lang("label", ES)],
    ["yes_no", "yes", "Yes", "Sí"],
    ["yes_no", "no", "No", "No"],
    ["countries", "MX", "Mexico", "México"],
    ["countries", "GT", "Guatemala", "Guatemala"],
    ["countries", "HN", "Honduras", "Honduras"],
    ["languages", "es", "Spanish", "Español"],
    ["languages", "en", "English", "Inglés"],
    ["languages", "mam", "Mam", "Mam"],
]

INTAKE_SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["Intake (XLSForm fixture)", "xls_intake", "2026-12", EN],
]

# ---------------------------------------------------------------------------------------------
# Form 2: family, one language without a language tag, repeats with repeat_count and count().
FAMILY_SURVEY = [
    ["type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message", "repeat_count",
     "calculation"],
    ["integer", "n_children", "How many children are with you?", "", "yes", "", ". >= 0", "Zero or more."],
    ["begin repeat", "children", "Your children", "", "", "${n_children} > 0", "", "", "${n_children}"],
    ["text", "child_name", "What is the child's name?", "", "yes"],
    ["integer", "child_age", "How old is ${child_name}?", "", "", "", ". < 18", "A child is under 18."],
    ["begin group", "school", "School", "", "", "${child_age} >= 5"],
    ["select_one yn", "in_school", "Does ${child_name} go to school?"],
    ["end group"],
    ["end repeat"],
    ["note", "children_seen", "You told us about ${n_children} children.", "", "", "count(${children}) > 0"],
    ["begin repeat", "adults", "Adults with you"],
    ["text", "adult_name", "What is the adult's name?"],
    ["end repeat"],
    ["calculate", "n_adults", "", "", "", "", "", "", "", "count(${adults})"],
    ["text", "contact", "Who can we call for you?", "A relative or friend in this country.", "", "${n_adults} = 0"],
]

FAMILY_CHOICES = [
    ["list_name", "name", "label"],
    ["yn", "1", "Yes"],
    ["yn", "0", "No"],
]

FAMILY_SETTINGS = [
    ["form_title", "form_id", "version"],
    ["Family (XLSForm fixture)", "family_members", 3],
]

# ---------------------------------------------------------------------------------------------
# Form 3: field kit, everything Refuge cannot express; imported with warnings, refused --strict.
FIELD_SURVEY = [
    ["type", "name", "label", "relevant", "constraint", "required", "required_message", "default", "read_only",
     "appearance", "choice_filter", "media::image", "calculation", "x_internal_code"],
    ["text", "village", "Village", "", "", "", "", "", "", "numbers", "", "", "", "V-1"],
    ["geopoint", "location", "Where are you?"],
    ["image", "photo", "Take a photo of the house."],
    ["select_one region", "region", "Region"],
    ["select_one district", "district", "District", "", "", "", "", "", "", "minimal", "region=${region}"],
    ["calculate", "district_name", "", "", "", "", "", "", "", "", "", "", "jr:choice-name(${district}, '${district}')"],
    ["integer", "hh_size", "How many people live here?", "", "", "", "", "1", "yes"],
    ["calculate", "doubled", "", "", "", "", "", "", "", "", "", "", "${hh_size} * 2"],
    ["calculate", "halved", "", "", "", "", "", "", "", "", "", "", "${hh_size} div 2"],
    ["integer", "even_number", "An even number", "", ". mod 2 = 0"],
    ["text", "phone", "Phone number", "", "", "${hh_size} > 1", "Please give a phone number."],
    ["start", "started"],
    ["time", "arrival_time", "What time did you arrive?"],
    ["begin repeat", "members", "Household members"],
    ["text", "member_name", "Name"],
    ["end repeat"],
    ["text", "first_member_note", "About the first member", "indexed-repeat(${member_name}, ${members}, 1) != ''"],
    ["note", "picture_note", "Look at the picture.", "", "", "", "", "", "", "", "", "house.jpg"],
    ["text", "later", "Asked about ${location}"],
]

FIELD_CHOICES = [
    ["list_name", "name", "label", "region"],
    ["region", "north", "North"],
    ["region", "south", "South"],
    ["district", "d1", "District 1", "north"],
    ["district", "d2", "District 2", "south"],
]

FIELD_SETTINGS = [
    ["form_title", "form_id", "version", "public_key", "instance_name"],
    ["Field kit (XLSForm fixture)", "field_kit", "1", "MIIBIjANBgkq", "concat(${village}, '-', ${hh_size})"],
]

FORMS = {
    "intake": (INTAKE_SURVEY, INTAKE_CHOICES, INTAKE_SETTINGS, []),
    "family": (FAMILY_SURVEY, FAMILY_CHOICES, FAMILY_SETTINGS, []),
    "field-kit": (FIELD_SURVEY, FIELD_CHOICES, FIELD_SETTINGS, ["notes"]),
}


def column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(value):
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    return str(value)


class SharedStrings:
    def __init__(self):
        self.strings = []
        self.index = {}

    def add(self, text):
        if text not in self.index:
            self.index[text] = len(self.strings)
            self.strings.append(text)
        return self.index[text]

    def xml(self):
        items = []
        for text in self.strings:
            if text.startswith("What is your full name?"):
                # Rich text: the same words in two runs, one bold, as spreadsheet programs save them.
                head, tail = text[:8], text[8:]
                items.append(f'<si><r><rPr><b/></rPr><t xml:space="preserve">{escape(head)}</t></r>'
                             f'<r><t xml:space="preserve">{escape(tail)}</t></r>'
                             f'<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>')
            else:
                items.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{len(self.strings)}" uniqueCount="{len(self.strings)}">' + "".join(items) + "</sst>")


def sheet_xml(rows, shared, inline):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            if value == "" or value is None:
                continue  # sparse: empty cells are left out, as spreadsheet programs do
            ref = f"{column_letters(c)}{r}"
            if value is True or value is False:
                cells.append(f'<c r="{ref}" t="b"><v>{1 if value else 0}</v></c>')
            elif is_number(value):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            elif inline:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}" t="s"><v>{shared.add(value)}</v></c>')
        out.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path, sheets):
    """sheets: list of (name, rows, inline_strings)."""
    shared = SharedStrings()
    parts = {}
    for i, (name, rows, inline) in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(rows, shared, inline)
    content_types = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                     '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>']
    for i in range(1, len(sheets) + 1):
        content_types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    content_types.append("</Types>")
    # Sheets are listed in the workbook in the order given, but their parts are numbered in
    # reverse, so the reader must follow the relationships rather than guess from positions.
    workbook = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>']
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    n = len(sheets)
    for i, (name, _, _) in enumerate(sheets, start=1):
        workbook.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{n + 1 - i}.xml"/>')
    rels.append(f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>')
    rels.append("</Relationships>")
    workbook.append("</sheets></workbook>")
    renumbered = {f"xl/worksheets/sheet{n + 1 - i}.xml": parts[f"xl/worksheets/sheet{i}.xml"] for i in range(1, n + 1)}
    root_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                 "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=(2026, 12, 1, 0, 0, 0))  # fixed: the file is the same on every run
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
        add("[Content_Types].xml", "".join(content_types))
        add("_rels/.rels", root_rels)
        add("xl/workbook.xml", "".join(workbook))
        add("xl/_rels/workbook.xml.rels", "".join(rels))
        for name in sorted(renumbered):
            add(name, renumbered[name])
        add("xl/sharedStrings.xml", shared.xml())


def write_csv(path, rows):
    width = max(len(r) for r in rows)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        for row in rows:
            writer.writerow([cell_text(v) if v != "" else "" for v in row] + [""] * (width - len(row)))


def main():
    for name, (survey, choices, settings, extra) in FORMS.items():
        sheets = [("survey", survey, False), ("choices", choices, True), ("settings", settings, False)]
        sheets += [(sheet, [["text"], ["not part of the form"]], True) for sheet in extra]
        write_xlsx(os.path.join(HERE, f"{name}.xlsx"), sheets)
        folder = os.path.join(HERE, name)
        os.makedirs(folder, exist_ok=True)
        write_csv(os.path.join(folder, "survey.csv"), survey)
        write_csv(os.path.join(folder, "choices.csv"), choices)
        write_csv(os.path.join(folder, "settings.csv"), settings)
        for sheet in extra:
            write_csv(os.path.join(folder, f"{sheet}.csv"), [["text"], ["not part of the form"]])


if __name__ == "__main__":
    main()
