#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine

/// Plain mode's own words and commands, in the languages of the shipped questionnaires
/// (English for any other).
enum PlainWords {
    enum Word: CaseIterable {
        case progress, pressEnter, chooseNumber, chooseNumbers, typeAnswer, typeLongText, typeYesNo, typeNumber
        case typeDate, helpHint, repeatHint, repeatCountHint, noEntries, pleaseSayOther, saved, endOfInput
        case complete, requiredLeft, noteSaved, translationSaved, flagOn, flagOff, lawyerOn, lawyerOff
        case atStart, unknownCommand, languageChanged, languageUnknown, reviewTitle, clarifyTitle, noAnswer
        case notInRepeat, entryHeading, entryDone, quitting, helpTitle, dateEcho, interviewerMark, notAllowedHere
        case savingFailed, currentAnswer
    }

    static func text(_ word: Word, _ language: String) -> String {
        ProgramWords.pick(word, language, from: table) ?? ""
    }

    static func format(_ word: Word, _ language: String, _ args: String...) -> String {
        ProgramWords.fill(text(word, language), args)
    }

    static func table(_ language: String) -> [Word: String]? {
        ProgramWords.table(language, en: english, es: spanish, ru: russian)
    }

    static let english: [Word: String] = [
        .progress: "Question %1 of %2.", .pressEnter: "(Press Enter to go on.)",
        .chooseNumber: "(Type the number of your answer.)", .chooseNumbers: "(Type the numbers of all that apply, separated by commas. Type 0 for none of these.)",
        .typeAnswer: "(Type your answer, then Enter.)", .typeLongText: "(Type as many lines as you like. End with a line holding only a dot: .)",
        .typeYesNo: "(Type yes or no.)", .typeNumber: "(Type a number.)",
        .typeDate: "(Type a date like 2022, 2022-09 or 2022-09-21; put ~ in front if it is approximate.)",
        .helpHint: "Type :help for the commands.",
        .repeatHint: "(Type :add to add one, the number of an entry to change it, or :done when the list is complete.)",
        .repeatCountHint: "(%1 entries are needed. Type the number of an entry to fill it in, or :done to go on.)",
        .noEntries: "No entries yet.", .pleaseSayOther: "Please say what “Other” is:",
        .saved: "Saved.", .endOfInput: "End of input: everything is saved.",
        .complete: "This is the end of the interview. Thank you.", .requiredLeft: "Required questions still without an answer: %1.",
        .noteSaved: "Note saved.", .translationSaved: "Translation saved.",
        .flagOn: "Marked for follow-up.", .flagOff: "Follow-up mark removed.",
        .lawyerOn: "Marked: for the lawyer only.", .lawyerOff: "“For the lawyer only” mark removed.",
        .atStart: "This is the first question.", .unknownCommand: "Unknown command. Type :help for the commands.",
        .languageChanged: "Language changed.", .languageUnknown: "This questionnaire has no such language. It has: %1.",
        .reviewTitle: "Review: questions and answers so far", .clarifyTitle: "Points to clarify:", .noAnswer: "(no answer)",
        .notInRepeat: "This command works only in a list of entries.", .entryHeading: "Entry %1:", .entryDone: "Entry complete.",
        .quitting: "Saved. You can continue later with: refuge resume %1 --plain", .helpTitle: "Commands:",
        .dateEcho: "Date recorded: %1", .interviewerMark: "[For the interviewer]",
        .notAllowedHere: "That is not possible for this question.",
        .savingFailed: "The answer could not be saved (%1). It is kept in memory; type :save to try again, or :quit.",
        .currentAnswer: "Current answer: %1 (press Enter to keep it).",
    ]

    static let spanish: [Word: String] = [
        .progress: "Pregunta %1 de %2.", .pressEnter: "(Pulse Enter para continuar.)",
        .chooseNumber: "(Escriba el número de su respuesta.)", .chooseNumbers: "(Escriba los números de todas las que correspondan, separados por comas. Escriba 0 si ninguna corresponde.)",
        .typeAnswer: "(Escriba su respuesta y pulse Enter.)", .typeLongText: "(Escriba todas las líneas que quiera. Termine con una línea que tenga solo un punto: .)",
        .typeYesNo: "(Escriba sí o no.)", .typeNumber: "(Escriba un número.)",
        .typeDate: "(Escriba una fecha como 2022, 2022-09 o 2022-09-21; ponga ~ delante si es aproximada.)",
        .helpHint: "Escriba :ayuda para ver los comandos.",
        .repeatHint: "(Escriba :añadir para añadir una, el número de una entrada para cambiarla, o :listo cuando la lista esté completa.)",
        .repeatCountHint: "(Se necesitan %1 entradas. Escriba el número de una entrada para completarla, o :listo para seguir.)",
        .noEntries: "Todavía no hay entradas.", .pleaseSayOther: "Por favor diga qué es «Otro»:",
        .saved: "Guardado.", .endOfInput: "Fin de la entrada: todo está guardado.",
        .complete: "Este es el final de la entrevista. Gracias.", .requiredLeft: "Preguntas obligatorias todavía sin respuesta: %1.",
        .noteSaved: "Nota guardada.", .translationSaved: "Traducción guardada.",
        .flagOn: "Marcada para seguimiento.", .flagOff: "Marca de seguimiento quitada.",
        .lawyerOn: "Marcada: solo para el abogado.", .lawyerOff: "Marca «solo para el abogado» quitada.",
        .atStart: "Esta es la primera pregunta.", .unknownCommand: "Comando desconocido. Escriba :ayuda para ver los comandos.",
        .languageChanged: "Idioma cambiado.", .languageUnknown: "Este cuestionario no tiene ese idioma. Tiene: %1.",
        .reviewTitle: "Revisión: preguntas y respuestas hasta ahora", .clarifyTitle: "Puntos para aclarar:", .noAnswer: "(sin respuesta)",
        .notInRepeat: "Este comando solo funciona en una lista de entradas.", .entryHeading: "Entrada %1:", .entryDone: "Entrada completa.",
        .quitting: "Guardado. Puede continuar más tarde con: refuge resume %1 --plain", .helpTitle: "Comandos:",
        .dateEcho: "Fecha registrada: %1", .interviewerMark: "[Para el entrevistador]",
        .notAllowedHere: "Eso no es posible en esta pregunta.",
        .savingFailed: "La respuesta no se pudo guardar (%1). Se conserva en memoria; escriba :guardar para intentarlo de nuevo, o :salir.",
        .currentAnswer: "Respuesta actual: %1 (pulse Enter para mantenerla).",
    ]

    static let russian: [Word: String] = [
        .progress: "Вопрос %1 из %2.", .pressEnter: "(Нажмите Enter, чтобы продолжить.)",
        .chooseNumber: "(Введите номер ответа.)", .chooseNumbers: "(Введите номера всех подходящих ответов через запятую. Введите 0, если ничего не подходит.)",
        .typeAnswer: "(Введите ответ и нажмите Enter.)", .typeLongText: "(Пишите сколько угодно строк. В конце введите строку только с точкой: .)",
        .typeYesNo: "(Введите да или нет.)", .typeNumber: "(Введите число.)",
        .typeDate: "(Введите дату, например 2022, 2022-09 или 2022-09-21; поставьте ~ впереди, если дата примерная.)",
        .helpHint: "Введите :помощь, чтобы увидеть команды.",
        .repeatHint: "(Введите :добавить, чтобы добавить запись, номер записи, чтобы её изменить, или :готово, когда список полный.)",
        .repeatCountHint: "(Нужно записей: %1. Введите номер записи, чтобы заполнить её, или :готово, чтобы продолжить.)",
        .noEntries: "Записей пока нет.", .pleaseSayOther: "Пожалуйста, уточните, что значит «Другое»:",
        .saved: "Сохранено.", .endOfInput: "Ввод закончился: всё сохранено.",
        .complete: "Это конец интервью. Спасибо.", .requiredLeft: "Обязательные вопросы без ответа: %1.",
        .noteSaved: "Заметка сохранена.", .translationSaved: "Перевод сохранён.",
        .flagOn: "Отмечено для уточнения.", .flagOff: "Отметка для уточнения снята.",
        .lawyerOn: "Отмечено: только для юриста.", .lawyerOff: "Отметка «только для юриста» снята.",
        .atStart: "Это первый вопрос.", .unknownCommand: "Неизвестная команда. Введите :помощь, чтобы увидеть команды.",
        .languageChanged: "Язык изменён.", .languageUnknown: "В этой анкете нет такого языка. Есть: %1.",
        .reviewTitle: "Обзор: вопросы и ответы", .clarifyTitle: "Что нужно уточнить:", .noAnswer: "(нет ответа)",
        .notInRepeat: "Эта команда работает только в списке записей.", .entryHeading: "Запись %1:", .entryDone: "Запись заполнена.",
        .quitting: "Сохранено. Продолжить можно позже командой: refuge resume %1 --plain", .helpTitle: "Команды:",
        .dateEcho: "Записана дата: %1", .interviewerMark: "[Для интервьюера]",
        .notAllowedHere: "Для этого вопроса так нельзя.",
        .savingFailed: "Ответ не удалось сохранить (%1). Он остаётся в памяти; введите :сохранить, чтобы попробовать снова, или :выход.",
        .currentAnswer: "Текущий ответ: %1 (нажмите Enter, чтобы оставить его).",
    ]
}

/// The commands of plain mode, with their words in each language.
enum PlainCommand: String, CaseIterable {
    case help, back, review, note, translation, flag, lawyer, dontknow, refuse, add, done, language, save, quit

    /// The commands' words in the languages that have their own (English uses the case names).
    static let words: [String: [PlainCommand: String]] = [
        "es": [.help: "ayuda", .back: "atrás", .review: "revisar", .note: "nota", .translation: "traducción", .flag: "marcar",
               .lawyer: "abogado", .dontknow: "nosé", .refuse: "prefieronodecir", .add: "añadir", .done: "listo",
               .language: "idioma", .save: "guardar", .quit: "salir"],
        "ru": [.help: "помощь", .back: "назад", .review: "обзор", .note: "заметка", .translation: "перевод", .flag: "отметить",
               .lawyer: "юрист", .dontknow: "незнаю", .refuse: "отказ", .add: "добавить", .done: "готово",
               .language: "язык", .save: "сохранить", .quit: "выход"],
    ]

    /// Every word a command may be typed as, in any language, with spellings without accents
    /// for keyboards that lack them.
    static let aliases: [String: PlainCommand] = {
        var map: [String: PlainCommand] = [:]
        for c in PlainCommand.allCases { map[c.rawValue] = c }
        for table in words.values { for (c, word) in table { map[word] = c } }
        let plainSpellings: [String: PlainCommand] = [
            "atras": .back, "traduccion": .translation, "nose": .dontknow, "anadir": .add, "dont-know": .dontknow,
        ]
        map.merge(plainSpellings) { a, _ in a }
        return map
    }()

    /// The command's word in a language (for help).
    func word(_ language: String) -> String {
        ProgramWords.pick(self, language, from: PlainCommand.words) ?? rawValue
    }

    func explanation(_ language: String) -> String {
        let en: [PlainCommand: String] = [
            .help: "show this list", .back: "go back to the previous question", .review: "list the questions and answers so far",
            .note: "TEXT: the interviewer's note on this question", .translation: "TEXT: the interpreter's translation of the answer",
            .flag: "mark or unmark this question for follow-up", .lawyer: "mark or unmark the answer as for the lawyer only",
            .dontknow: "answer “don't know”", .refuse: "answer “prefer not to say”", .add: "add an entry to a list",
            .done: "the list is complete; go on", .language: "CODE: change the language", .save: "save again (after a problem)",
            .quit: "save and stop",
        ]
        let es: [PlainCommand: String] = [
            .help: "mostrar esta lista", .back: "volver a la pregunta anterior", .review: "ver las preguntas y respuestas hasta ahora",
            .note: "TEXTO: nota del entrevistador sobre esta pregunta", .translation: "TEXTO: traducción del intérprete",
            .flag: "marcar o desmarcar para seguimiento", .lawyer: "marcar o desmarcar como solo para el abogado",
            .dontknow: "responder «no sé»", .refuse: "responder «prefiero no decirlo»", .add: "añadir una entrada a una lista",
            .done: "la lista está completa; seguir", .language: "CÓDIGO: cambiar el idioma", .save: "guardar de nuevo (tras un problema)",
            .quit: "guardar y terminar",
        ]
        let ru: [PlainCommand: String] = [
            .help: "показать этот список", .back: "вернуться к предыдущему вопросу", .review: "показать вопросы и ответы",
            .note: "ТЕКСТ: заметка интервьюера к этому вопросу", .translation: "ТЕКСТ: перевод ответа переводчиком",
            .flag: "поставить или снять отметку для уточнения", .lawyer: "поставить или снять отметку «только для юриста»",
            .dontknow: "ответить «не знаю»", .refuse: "ответить «предпочитаю не отвечать»", .add: "добавить запись в список",
            .done: "список полный; продолжить", .language: "КОД: сменить язык", .save: "сохранить ещё раз (после ошибки)",
            .quit: "сохранить и выйти",
        ]
        return ProgramWords.pick(self, language, from: ["en": en, "es": es, "ru": ru]) ?? rawValue
    }
}
