import RefugeEngine

/// The report's own words (part titles, labels, marks) in every language of the shipped
/// questionnaires; any other language falls back to English.
public enum ReportWords {
    public enum Word: String, Sendable, CaseIterable {
        case questionnaire, version, client, session, interviewDate, languages, clientLanguage
        case interviewerLanguage, created, updated, generated, confidential, confidentialNotice
        case redactedNotice, legalFlags, chronology, dateUnknown, pointsToClarify, followUps, drafts
        case removedAnswers, unansweredRequired, interviewerNote, authorNote, translation, followUpMark
        case lawyerOnlyMark, interviewerQuestion, notAnswered, none, draft, important, calculated
        case page, answers, openItems, otherText
        case atAGlance, contents, changedAnswers, changedAfter, about, program, identityNotice, continued, of, aboutReport, translationNeeded
    }

    public static func text(_ word: Word, _ language: String) -> String {
        ProgramWords.pick(word, language, from: tables) ?? word.rawValue
    }

    static let tables: [String: [Word: String]] = ["en": english, "es": spanish, "ru": russian]

    static let english: [Word: String] = [
        .questionnaire: "Questionnaire", .version: "version", .client: "Client", .session: "Session",
        .interviewDate: "Preparation date", .languages: "Languages", .clientLanguage: "client",
        .interviewerLanguage: "interviewer", .created: "Created", .updated: "Last change",
        .generated: "Report made", .confidential: "Confidential",
        .confidentialNotice: "Confidential (8 CFR 208.6). Prepared for counsel. The client's own words, as given; not legal advice.",
        .redactedNotice: "Redacted copy: answers to sensitive questions and answers for the lawyer only are withheld.",
        .legalFlags: "Legal flags", .chronology: "Chronology", .dateUnknown: "date unknown",
        .pointsToClarify: "Points to clarify", .followUps: "Follow-up", .drafts: "Unconfirmed drafts",
        .removedAnswers: "Answers to questions no longer in the questionnaire",
        .unansweredRequired: "Required questions without an answer",
        .interviewerNote: "Interviewer's note", .authorNote: "Note for the attorney",
        .translation: "Interpreter's translation", .followUpMark: "Follow-up",
        .lawyerOnlyMark: "For the lawyer only", .interviewerQuestion: "Interviewer's question",
        .notAnswered: "Not answered", .none: "None", .draft: "Unconfirmed draft", .important: "important",
        .calculated: "calculated", .page: "Page", .answers: "Answers", .openItems: "Open items",
        .otherText: "Other",
        .atAGlance: "The claim at a glance", .contents: "Contents", .changedAnswers: "Changed answers",
        .changedAfter: "changed after", .about: "About", .program: "Program",
        .identityNotice: "Names, numbers, places and dates that identify the client or family are replaced by placeholders such as [Client].",
        .continued: "continued", .of: "of", .aboutReport: "About this report", .translationNeeded: "translation needed",
    ]

    static let spanish: [Word: String] = [
        .questionnaire: "Cuestionario", .version: "versión", .client: "Cliente", .session: "Sesión",
        .interviewDate: "Fecha de preparación", .languages: "Idiomas", .clientLanguage: "cliente",
        .interviewerLanguage: "entrevistador/a", .created: "Creada", .updated: "Último cambio",
        .generated: "Informe hecho", .confidential: "Confidencial",
        .confidentialNotice: "Confidencial (8 CFR 208.6). Preparado para la abogacía. Las palabras de la persona, tal como las dijo; no es asesoría legal.",
        .redactedNotice: "Copia con reservas: se ocultan las respuestas a preguntas delicadas y las respuestas solo para el abogado.",
        .legalFlags: "Alertas legales", .chronology: "Cronología", .dateUnknown: "fecha desconocida",
        .pointsToClarify: "Puntos por aclarar", .followUps: "Seguimiento", .drafts: "Borradores sin confirmar",
        .removedAnswers: "Respuestas a preguntas que ya no están en el cuestionario",
        .unansweredRequired: "Preguntas obligatorias sin respuesta",
        .interviewerNote: "Nota de quien entrevista", .authorNote: "Nota para el abogado",
        .translation: "Traducción del intérprete", .followUpMark: "Seguimiento",
        .lawyerOnlyMark: "Solo para el abogado", .interviewerQuestion: "Pregunta para quien entrevista",
        .notAnswered: "Sin respuesta", .none: "Ninguno", .draft: "Borrador sin confirmar", .important: "importante",
        .calculated: "calculado", .page: "Página", .answers: "Respuestas", .openItems: "Pendientes",
        .otherText: "Otro",
        .atAGlance: "La solicitud de un vistazo", .contents: "Contenido", .changedAnswers: "Respuestas cambiadas",
        .changedAfter: "cambiadas después del", .about: "Sobre", .program: "Programa",
        .identityNotice: "Los nombres, números, lugares y fechas que identifican a la persona o a su familia se sustituyen por marcadores como [Client].",
        .continued: "continúa", .of: "de", .aboutReport: "Sobre este informe", .translationNeeded: "falta traducción",
    ]

    static let russian: [Word: String] = [
        .questionnaire: "Анкета", .version: "версия", .client: "Клиент", .session: "Сеанс",
        .interviewDate: "Дата подготовки", .languages: "Языки", .clientLanguage: "клиент",
        .interviewerLanguage: "интервьюер", .created: "Создан", .updated: "Последнее изменение",
        .generated: "Отчёт составлен", .confidential: "Конфиденциально",
        .confidentialNotice: "Конфиденциально (8 CFR 208.6). Подготовлено для адвоката. Слова клиента, как они были сказаны; не юридическая консультация.",
        .redactedNotice: "Копия со скрытыми ответами: ответы на деликатные вопросы и ответы только для адвоката скрыты.",
        .legalFlags: "Юридические отметки", .chronology: "Хронология", .dateUnknown: "дата неизвестна",
        .pointsToClarify: "Что уточнить", .followUps: "Вернуться к вопросу", .drafts: "Неподтверждённые черновики",
        .removedAnswers: "Ответы на вопросы, которых больше нет в анкете",
        .unansweredRequired: "Обязательные вопросы без ответа",
        .interviewerNote: "Заметка интервьюера", .authorNote: "Заметка для адвоката",
        .translation: "Перевод переводчика", .followUpMark: "Вернуться к вопросу",
        .lawyerOnlyMark: "Только для адвоката", .interviewerQuestion: "Вопрос для интервьюера",
        .notAnswered: "Нет ответа", .none: "Нет", .draft: "Неподтверждённый черновик", .important: "важно",
        .calculated: "вычислено", .page: "Страница", .answers: "Ответы", .openItems: "Открытые вопросы",
        .otherText: "Другое",
        .atAGlance: "Суть заявления", .contents: "Содержание", .changedAnswers: "Изменённые ответы",
        .changedAfter: "изменённые после", .about: "К чему относится", .program: "Программа",
        .identityNotice: "Имена, номера, места и даты, по которым можно узнать клиента или его семью, заменены метками, например [Client].",
        .continued: "продолжение", .of: "из", .aboutReport: "Об этом отчёте", .translationNeeded: "нужен перевод",
    ]
}
