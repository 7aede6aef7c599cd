import RefugeBasics
import RefugeExpressions
/// The program's own words (keys, buttons, messages, placeholders) in every language of the
/// shipped questionnaires. Any other language falls back to English.
public enum ProgramWords {
    public enum Word: String, Sendable, CaseIterable {
        case yes, no, dontKnow, preferNotToSay, noneOfThese, otherPleaseSay, missingPlaceholder, redacted
        case required, notAChoice, otherTextMissing, tooShort, tooLong, patternMismatch, belowMinimum
        case aboveMaximum, notWholeNumber, unreadableNumber, inexactNumber, unreadableDate, ambiguousDate, invalidDate
        case tooPreciseYear, tooPreciseMonth, tooFewSelected, tooManySelected, tooFewEntries, tooManyEntries
        case constraintFailed, uncheckable, dontKnowNotAllowed, refuseNotAllowed, notOnPath, notAQuestion, noSuchEntry
        case wrongKind, fallbackMarker, approximate, entry, entriesCount
    }

    public static func text(_ word: Word, _ language: String) -> String {
        pick(word, language, from: table) ?? word.rawValue
    }

    /// `text` with `%1`, `%2` ... replaced by the arguments.
    public static func format(_ word: Word, _ language: String, _ args: String...) -> String {
        fill(text(word, language), args)
    }

    /// The one lookup every table of the program's words uses (engine, plain mode, screen,
    /// report): the language without its region (`es-MX` → `es`), then English.
    public static func pick<Key: Hashable>(_ key: Key, _ language: String, from tables: [String: [Key: String]]) -> String? {
        pick(key, language) { tables[$0] }
    }

    /// `pick` from one table per language, each made only when first asked for: a session in
    /// one language then never builds the others' (issue 19: building every language's table
    /// of the screen's and the engine's words took about 1% of a resume).
    public static func pick<Key: Hashable>(_ key: Key, _ language: String, from table: (String) -> [Key: String]?) -> String? {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return table(base)?[key] ?? table("en")?[key]
    }

    /// Replaces `%1`, `%2` ... in a template with the arguments.
    public static func fill(_ template: String, _ args: [String]) -> String {
        var s = template
        for (i, a) in args.enumerated() { s = s.replacingEvery("%\(i + 1)", with: a) }
        return s
    }

    public static let languages = ["en", "es", "ru"]

    /// The table of one of `languages`, each given as an autoclosure so that only the one asked
    /// for is built (see `pick(_:_:from:)`).
    public static func table<Key: Hashable>(_ language: String, en: @autoclosure () -> [Key: String],
                                            es: @autoclosure () -> [Key: String], ru: @autoclosure () -> [Key: String]) -> [Key: String]? {
        switch language {
        case "en": en()
        case "es": es()
        case "ru": ru()
        default: nil
        }
    }
    static func table(_ language: String) -> [Word: String]? {
        ProgramWords.table(language, en: english, es: spanish, ru: russian)
    }

    static let english: [Word: String] = [
        .yes: "Yes", .no: "No", .dontKnow: "Don't know", .preferNotToSay: "Prefer not to say",
        .noneOfThese: "None of these", .otherPleaseSay: "Other, please say", .missingPlaceholder: "…",
        .redacted: "[withheld]",
        .required: "Please answer this question, or choose “Don't know” or “Prefer not to say”.",
        .notAChoice: "Please choose one of the options shown.",
        .otherTextMissing: "Please say what “Other” means here.",
        .tooShort: "Please write at least %1 characters.",
        .tooLong: "Please write no more than %1 characters.",
        .patternMismatch: "This does not have the expected form.",
        .belowMinimum: "Please give a number of at least %1.",
        .aboveMaximum: "Please give a number of at most %1.",
        .notWholeNumber: "Please give a whole number.",
        .unreadableNumber: "Please type a number, for example 3 or 2.5.",
        .inexactNumber: "This number has too many digits to be kept exactly. Please give at most 38 digits.",
        .unreadableDate: "Please type a date like 2022, 2022-09 or 2022-09-21. Put ~ in front if it is approximate.",
        .ambiguousDate: "This date could be read two ways. Please type it like 2022-04-03 (year-month-day).",
        .invalidDate: "This date does not exist. Please check the month and day.",
        .tooPreciseYear: "Here only the year is asked, for example 2022.",
        .tooPreciseMonth: "Here only the year and month are asked, for example 2022-09.",
        .tooFewSelected: "Please choose at least %1.",
        .tooManySelected: "Please choose no more than %1.",
        .tooFewEntries: "Please add at least %1.",
        .tooManyEntries: "No more can be added here (at most %1).",
        .constraintFailed: "This answer does not fit with the other answers. Please check it.",
        .uncheckable: "This answer could not be checked: it is too long or too complex for the questionnaire's rule. Please shorten it.",
        .dontKnowNotAllowed: "“Don't know” is not possible for this question.",
        .refuseNotAllowed: "“Prefer not to say” is not possible for this question.",
        .notOnPath: "This question is not asked with the answers given so far.",
        .notAQuestion: "There is no such question.",
        .noSuchEntry: "There is no such entry.",
        .wrongKind: "This kind of answer does not fit this question.",
        .fallbackMarker: "(not translated)", .approximate: "approximately", .entry: "Entry", .entriesCount: "%1 entries",
    ]

    static let spanish: [Word: String] = [
        .yes: "Sí", .no: "No", .dontKnow: "No sé", .preferNotToSay: "Prefiero no decirlo",
        .noneOfThese: "Ninguna de estas", .otherPleaseSay: "Otro, por favor diga cuál", .missingPlaceholder: "…",
        .redacted: "[reservado]",
        .required: "Por favor responda esta pregunta, o elija «No sé» o «Prefiero no decirlo».",
        .notAChoice: "Por favor elija una de las opciones.",
        .otherTextMissing: "Por favor diga qué significa «Otro» aquí.",
        .tooShort: "Por favor escriba al menos %1 caracteres.",
        .tooLong: "Por favor escriba como máximo %1 caracteres.",
        .patternMismatch: "Esto no tiene la forma esperada.",
        .belowMinimum: "Por favor dé un número de al menos %1.",
        .aboveMaximum: "Por favor dé un número de como máximo %1.",
        .notWholeNumber: "Por favor dé un número entero.",
        .unreadableNumber: "Por favor escriba un número, por ejemplo 3 o 2,5.",
        .inexactNumber: "Este número tiene demasiadas cifras para guardarlo exactamente. Por favor use como máximo 38 cifras.",
        .unreadableDate: "Por favor escriba una fecha como 2022, 2022-09 o 2022-09-21. Ponga ~ delante si es aproximada.",
        .ambiguousDate: "Esta fecha se puede leer de dos maneras. Escríbala como 2022-04-03 (año-mes-día).",
        .invalidDate: "Esta fecha no existe. Revise el mes y el día.",
        .tooPreciseYear: "Aquí solo se pide el año, por ejemplo 2022.",
        .tooPreciseMonth: "Aquí solo se pide el año y el mes, por ejemplo 2022-09.",
        .tooFewSelected: "Por favor elija al menos %1.",
        .tooManySelected: "Por favor elija como máximo %1.",
        .tooFewEntries: "Por favor añada al menos %1.",
        .tooManyEntries: "No se pueden añadir más aquí (como máximo %1).",
        .constraintFailed: "Esta respuesta no coincide con las otras respuestas. Por favor revísela.",
        .uncheckable: "No se pudo comprobar esta respuesta: es demasiado larga o compleja para la regla del cuestionario. Por favor acórtela.",
        .dontKnowNotAllowed: "«No sé» no es posible en esta pregunta.",
        .refuseNotAllowed: "«Prefiero no decirlo» no es posible en esta pregunta.",
        .notOnPath: "Esta pregunta no se hace con las respuestas dadas hasta ahora.",
        .notAQuestion: "Esa pregunta no existe.",
        .noSuchEntry: "Esa entrada no existe.",
        .wrongKind: "Este tipo de respuesta no corresponde a esta pregunta.",
        .fallbackMarker: "(sin traducir)", .approximate: "aproximadamente", .entry: "Entrada", .entriesCount: "%1 entradas",
    ]

    static let russian: [Word: String] = [
        .yes: "Да", .no: "Нет", .dontKnow: "Не знаю", .preferNotToSay: "Предпочитаю не отвечать",
        .noneOfThese: "Ничего из этого", .otherPleaseSay: "Другое (уточните)", .missingPlaceholder: "…",
        .redacted: "[скрыто]",
        .required: "Пожалуйста, ответьте на этот вопрос или выберите «Не знаю» или «Предпочитаю не отвечать».",
        .notAChoice: "Пожалуйста, выберите один из вариантов.",
        .otherTextMissing: "Пожалуйста, уточните, что значит «Другое».",
        .tooShort: "Пожалуйста, напишите не меньше %1 знаков.",
        .tooLong: "Пожалуйста, напишите не больше %1 знаков.",
        .patternMismatch: "Ответ записан не в том виде, который нужен.",
        .belowMinimum: "Пожалуйста, введите число не меньше %1.",
        .aboveMaximum: "Пожалуйста, введите число не больше %1.",
        .notWholeNumber: "Пожалуйста, введите целое число.",
        .unreadableNumber: "Пожалуйста, введите число, например 3 или 2,5.",
        .inexactNumber: "В этом числе слишком много цифр, чтобы сохранить его точно. Пожалуйста, укажите не более 38 цифр.",
        .unreadableDate: "Пожалуйста, введите дату, например 2022, 2022-09 или 2022-09-21. Поставьте ~ впереди, если дата примерная.",
        .ambiguousDate: "Эту дату можно понять по-разному. Введите её так: 2022-04-03 (год-месяц-день).",
        .invalidDate: "Такой даты не бывает. Проверьте месяц и день.",
        .tooPreciseYear: "Здесь нужен только год, например 2022.",
        .tooPreciseMonth: "Здесь нужны только год и месяц, например 2022-09.",
        .tooFewSelected: "Пожалуйста, выберите не меньше %1.",
        .tooManySelected: "Пожалуйста, выберите не больше %1.",
        .tooFewEntries: "Пожалуйста, добавьте не меньше %1.",
        .tooManyEntries: "Больше добавить нельзя (не больше %1).",
        .constraintFailed: "Этот ответ не сходится с другими ответами. Пожалуйста, проверьте его.",
        .uncheckable: "Этот ответ не удалось проверить: он слишком длинный или сложный для правила анкеты. Пожалуйста, сократите его.",
        .dontKnowNotAllowed: "Ответ «Не знаю» здесь невозможен.",
        .refuseNotAllowed: "Ответ «Предпочитаю не отвечать» здесь невозможен.",
        .notOnPath: "Этот вопрос не задаётся при данных ответах.",
        .notAQuestion: "Такого вопроса нет.",
        .noSuchEntry: "Такой записи нет.",
        .wrongKind: "Такой ответ не подходит к этому вопросу.",
        .fallbackMarker: "(нет перевода)", .approximate: "примерно", .entry: "Запись", .entriesCount: "записей: %1",
    ]
}

extension AnswerProblem {
    /// The problem in words, in `language`; `defaultLanguage` for the questionnaire's own messages.
    public func message(_ language: String, defaultLanguage: String) -> String {
        func n(_ x: ExactNumber) -> String { AnswerFormatter.format(number: x) }
        switch self {
        case .required: return ProgramWords.text(.required, language)
        case .notOnPath: return ProgramWords.text(.notOnPath, language)
        case .notAQuestion: return ProgramWords.text(.notAQuestion, language)
        case .wrongKind: return ProgramWords.text(.wrongKind, language)
        case .notAChoice: return ProgramWords.text(.notAChoice, language)
        case .otherTextMissing: return ProgramWords.text(.otherTextMissing, language)
        case .tooShort(let m): return ProgramWords.format(.tooShort, language, String(m))
        case .tooLong(let m): return ProgramWords.format(.tooLong, language, String(m))
        case .patternMismatch(let text):
            return text?.resolve(language, defaultLanguage: defaultLanguage).text ?? ProgramWords.text(.patternMismatch, language)
        case .belowMinimum(let m): return ProgramWords.format(.belowMinimum, language, n(m))
        case .aboveMaximum(let m): return ProgramWords.format(.aboveMaximum, language, n(m))
        case .notWholeNumber: return ProgramWords.text(.notWholeNumber, language)
        case .unreadableNumber: return ProgramWords.text(.unreadableNumber, language)
        case .inexactNumber: return ProgramWords.text(.inexactNumber, language)
        case .unreadableDate(let e):
            switch e {
            case .ambiguous: return ProgramWords.text(.ambiguousDate, language)
            case .invalid: return ProgramWords.text(.invalidDate, language)
            default: return ProgramWords.text(.unreadableDate, language)
            }
        case .tooPrecise(let p): return ProgramWords.text(p == .year ? .tooPreciseYear : .tooPreciseMonth, language)
        case .tooFewSelected(let m): return ProgramWords.format(.tooFewSelected, language, String(m))
        case .tooManySelected(let m): return ProgramWords.format(.tooManySelected, language, String(m))
        case .tooFewEntries(let m): return ProgramWords.format(.tooFewEntries, language, String(m))
        case .tooManyEntries(let m): return ProgramWords.format(.tooManyEntries, language, String(m))
        case .constraint(let text):
            return text?.resolve(language, defaultLanguage: defaultLanguage).text ?? ProgramWords.text(.constraintFailed, language)
        case .uncheckable: return ProgramWords.text(.uncheckable, language)
        case .dontKnowNotAllowed: return ProgramWords.text(.dontKnowNotAllowed, language)
        case .refuseNotAllowed: return ProgramWords.text(.refuseNotAllowed, language)
        case .noSuchEntry: return ProgramWords.text(.noSuchEntry, language)
        }
    }
}
