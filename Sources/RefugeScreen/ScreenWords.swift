#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RefugeEngine

/// The full-screen program's own words, in the languages of the shipped questionnaires
/// (English for any other language).
public enum ScreenWords {
    public enum Word: CaseIterable, Sendable {
        case keyConfirm, keyConfirmLong, keyBack, keyHelp, keyMenu, keyDontKnow, keyChoose, keyToggle, keyAdd, keyOpen
        case keyDelete, keyGoOn, keyReview, keyClose, keySave, keyCancel, keyJump, keyAnyKey
        case enlarge, enlargeDetail, endTitle, endRequired, endNone, noEntries, addEntry, deleteEntryConfirm
        case filter, otherPrompt, dateMeans, dateNotYet, helpTitle, helpKeys, menuTitle, reviewTitle, clarifyTitle
        case noAnswer, dontKnowMenuTitle, noteTitle, translationTitle, interviewerLabel, authorNote, markFollowUp
        case markLawyer, markNote, markTranslation, fallback, hiddenHint, passphrasePrompt, wrongPassphrase
        case saveFailed, saveRetry, saveElsewhere, savedElsewhere, notSaved, languageNow, entryHeading, forInterviewer
        case menuHelp, menuLanguage, menuInterviewer, menuNote, menuFollowUp, menuReview, menuDontKnow, menuLawyer
        case menuHide, menuTranslation, menuReport, menuQuit, reportWritten, reportFailed, reportUnencrypted, noHelp
        case chooseOne, chooseOneOrF6, keyOtherBack, moreInHelp, numbersOnly, wholeNumbersOnly, keyPageScroll
        case keyScroll, keyEditing, keySearch, keyClientView, keyInterviewerView, keyNote, keyFollowUp, keyLawyer
        case keyTranslation, keyLanguage, keyHide, keyOtherField, keyAlso, keyTyping
        case moreBelow, enterHint, questionOf, repeatEmptyHint, followUpOn, followUpOff, lawyerOn, lawyerOff, entriesCount
    }

    public static func text(_ word: Word, _ language: String) -> String {
        ProgramWords.pick(word, language, from: table) ?? ""
    }

    public static func format(_ word: Word, _ language: String, _ args: String...) -> String {
        ProgramWords.fill(text(word, language), args)
    }

    static func table(_ language: String) -> [Word: String]? {
        ProgramWords.table(language, en: english, es: spanish, ru: russian)
    }

    static let english: [Word: String] = [
        .keyConfirm: "Enter OK", .keyConfirmLong: "Ctrl-N OK (Enter: new line)", .keyBack: "Ctrl-P back", .keyHelp: "F1 help",
        .keyMenu: "Esc menu", .keyDontKnow: "F6 don't know", .keyChoose: "↑↓ choose", .keyToggle: "Space select",
        .keyAdd: "+ add", .keyOpen: "Enter open", .keyDelete: "Del delete", .keyGoOn: "Ctrl-N go on", .keyReview: "F5 review",
        .keyClose: "Esc close", .keySave: "Ctrl-N save", .keyCancel: "Esc cancel", .keyJump: "Enter go there", .keyAnyKey: "any key",
        .enlarge: "Please make this window larger.", .enlargeDetail: "Refuge needs at least 80 columns and 24 rows (now %1×%2).",
        .endTitle: "This is the end of the interview. Thank you.", .endRequired: "Still without an answer: %1",
        .endNone: "Every required question has an answer.", .noEntries: "No entries yet.", .addEntry: "+ Add an entry",
        .deleteEntryConfirm: "Delete entry %1? Press y to delete, any other key to keep it.",
        .filter: "Filter: %1", .otherPrompt: "Please say:", .dateMeans: "This means: %1", .dateNotYet: "Type a date like 2022, 2022-09 or 2022-09-21 (~ in front: approximate).",
        .helpTitle: "Help", .helpKeys: "Keys", .menuTitle: "Menu", .reviewTitle: "Review", .clarifyTitle: "Points to clarify",
        .noAnswer: "—", .dontKnowMenuTitle: "Answer with", .noteTitle: "Interviewer's note", .translationTitle: "Interpreter's translation",
        .interviewerLabel: "Interviewer", .authorNote: "Note", .markFollowUp: "follow-up", .markLawyer: "lawyer only",
        .markNote: "note", .markTranslation: "translation", .fallback: "(not translated)",
        .hiddenHint: " ", .passphrasePrompt: "Passphrase:", .wrongPassphrase: "That passphrase does not open this session.",
        .saveFailed: "Your answer is safe in memory but could not be saved to disk: %1",
        .saveRetry: "r: try again", .saveElsewhere: "e: save a copy in your home folder", .savedElsewhere: "A copy was saved to %1.",
        .notSaved: "Not saved yet", .languageNow: "Language: %1", .entryHeading: "Entry %1 of %2", .forInterviewer: "For the interviewer",
        .menuHelp: "Help", .menuLanguage: "Next language", .menuInterviewer: "Interviewer's view on/off", .menuNote: "Interviewer's note",
        .menuFollowUp: "Follow-up mark on/off", .menuReview: "Review all answers", .menuDontKnow: "Don't know / prefer not to say",
        .menuLawyer: "“For the lawyer only” on/off", .menuHide: "Hide the screen", .menuTranslation: "Interpreter's translation",
        .menuReport: "Write the report", .menuQuit: "Save and quit", .reportWritten: "Report written to %1",
        .reportFailed: "The report could not be written: %1", .reportUnencrypted: "It is an unencrypted copy: keep it safe.",
        .noHelp: "There is no extra help for this question.", .moreBelow: "more below: press ↓", .enterHint: "Press Enter to go on.", .questionOf: "%1 of %2",
        .repeatEmptyHint: "Press + to add an entry, or Ctrl-N to go on.", .followUpOn: "Marked for follow-up.",
        .followUpOff: "Follow-up mark removed.", .lawyerOn: "Marked: for the lawyer only.", .lawyerOff: "“For the lawyer only” removed.",
        .entriesCount: "%1 entries",
        .chooseOne: "Please choose one (↑↓ or its number), then Enter.",
        .chooseOneOrF6: "Please choose one (↑↓ or its number), or F6: don't know / prefer not to say.",
        .keyOtherBack: "↑/Tab back to the list",
        .moreInHelp: "more: F1 shows the whole question", .numbersOnly: "Only a number can be typed here.",
        .wholeNumbersOnly: "Please type a whole number (digits only).", .keyPageScroll: "PgUp/PgDn scroll", .keyScroll: "↑↓ scroll", .keyEditing: "Ctrl-U/K/W erase", .keySearch: "letters: search",
        .keyClientView: "F12 client's view", .keyInterviewerView: "F12 interviewer", .keyNote: "F3 note", .keyFollowUp: "F4 follow-up",
        .keyLawyer: "F7 lawyer only", .keyTranslation: "F9 translation", .keyLanguage: "F2 language", .keyHide: "F8 hide",
        .keyOtherField: "Tab type the other answer", .keyAlso: "(also %1)", .keyTyping: "letters: type",
    ]

    static let spanish: [Word: String] = [
        .keyConfirm: "Enter aceptar", .keyConfirmLong: "Ctrl-N aceptar (Enter: nueva línea)", .keyBack: "Ctrl-P atrás", .keyHelp: "F1 ayuda",
        .keyMenu: "Esc menú", .keyDontKnow: "F6 no sé", .keyChoose: "↑↓ elegir", .keyToggle: "Espacio marcar",
        .keyAdd: "+ añadir", .keyOpen: "Enter abrir", .keyDelete: "Supr borrar", .keyGoOn: "Ctrl-N seguir", .keyReview: "F5 revisar",
        .keyClose: "Esc cerrar", .keySave: "Ctrl-N guardar", .keyCancel: "Esc cancelar", .keyJump: "Enter ir allí", .keyAnyKey: "cualquier tecla",
        .enlarge: "Por favor agrande esta ventana.", .enlargeDetail: "Refuge necesita al menos 80 columnas y 24 filas (ahora %1×%2).",
        .endTitle: "Este es el final de la entrevista. Gracias.", .endRequired: "Todavía sin respuesta: %1",
        .endNone: "Todas las preguntas obligatorias tienen respuesta.", .noEntries: "Todavía no hay entradas.", .addEntry: "+ Añadir una entrada",
        .deleteEntryConfirm: "¿Borrar la entrada %1? Pulse s para borrarla, cualquier otra tecla para conservarla.",
        .filter: "Filtro: %1", .otherPrompt: "Por favor diga cuál:", .dateMeans: "Esto significa: %1", .dateNotYet: "Escriba una fecha como 2022, 2022-09 o 2022-09-21 (~ delante: aproximada).",
        .helpTitle: "Ayuda", .helpKeys: "Teclas", .menuTitle: "Menú", .reviewTitle: "Revisión", .clarifyTitle: "Puntos para aclarar",
        .noAnswer: "—", .dontKnowMenuTitle: "Responder con", .noteTitle: "Nota del entrevistador", .translationTitle: "Traducción del intérprete",
        .interviewerLabel: "Entrevistador", .authorNote: "Nota", .markFollowUp: "seguimiento", .markLawyer: "solo abogado",
        .markNote: "nota", .markTranslation: "traducción", .fallback: "(sin traducir)",
        .hiddenHint: " ", .passphrasePrompt: "Contraseña:", .wrongPassphrase: "Esa contraseña no abre esta sesión.",
        .saveFailed: "Su respuesta está segura en memoria pero no se pudo guardar en el disco: %1",
        .saveRetry: "r: intentar de nuevo", .saveElsewhere: "e: guardar una copia en su carpeta personal", .savedElsewhere: "Se guardó una copia en %1.",
        .notSaved: "Sin guardar", .languageNow: "Idioma: %1", .entryHeading: "Entrada %1 de %2", .forInterviewer: "Para el entrevistador",
        .menuHelp: "Ayuda", .menuLanguage: "Siguiente idioma", .menuInterviewer: "Vista del entrevistador sí/no", .menuNote: "Nota del entrevistador",
        .menuFollowUp: "Marca de seguimiento sí/no", .menuReview: "Revisar todas las respuestas", .menuDontKnow: "No sé / prefiero no decirlo",
        .menuLawyer: "«Solo para el abogado» sí/no", .menuHide: "Ocultar la pantalla", .menuTranslation: "Traducción del intérprete",
        .menuReport: "Escribir el informe", .menuQuit: "Guardar y salir", .reportWritten: "Informe escrito en %1",
        .reportFailed: "No se pudo escribir el informe: %1", .reportUnencrypted: "Es una copia sin cifrar: guárdela con cuidado.",
        .noHelp: "No hay ayuda adicional para esta pregunta.", .moreBelow: "hay más abajo: pulse ↓", .enterHint: "Pulse Enter para continuar.", .questionOf: "%1 de %2",
        .repeatEmptyHint: "Pulse + para añadir una entrada, o Ctrl-N para seguir.", .followUpOn: "Marcada para seguimiento.",
        .followUpOff: "Marca de seguimiento quitada.", .lawyerOn: "Marcada: solo para el abogado.", .lawyerOff: "«Solo para el abogado» quitada.",
        .entriesCount: "%1 entradas",
        .chooseOne: "Por favor elija una opción (↑↓ o su número) y pulse Enter.",
        .chooseOneOrF6: "Por favor elija una opción (↑↓ o su número), o F6: no sé / prefiero no decirlo.",
        .keyOtherBack: "↑/Tab volver a la lista",
        .moreInHelp: "hay más: F1 muestra la pregunta entera", .numbersOnly: "Aquí solo se puede escribir un número.",
        .wholeNumbersOnly: "Escriba un número entero (solo cifras).", .keyPageScroll: "RePág/AvPág desplazar", .keyScroll: "↑↓ desplazar", .keyEditing: "Ctrl-U/K/W borrar", .keySearch: "letras: buscar",
        .keyClientView: "F12 vista cliente", .keyInterviewerView: "F12 entrevistador", .keyNote: "F3 nota", .keyFollowUp: "F4 seguimiento",
        .keyLawyer: "F7 abogado", .keyTranslation: "F9 traducción", .keyLanguage: "F2 idioma", .keyHide: "F8 ocultar",
        .keyOtherField: "Tab escribir la otra respuesta", .keyAlso: "(también %1)", .keyTyping: "letras: escribir",
    ]

    static let russian: [Word: String] = [
        .keyConfirm: "Enter ОК", .keyConfirmLong: "Ctrl-N ОК (Enter: новая строка)", .keyBack: "Ctrl-P назад", .keyHelp: "F1 помощь",
        .keyMenu: "Esc меню", .keyDontKnow: "F6 не знаю", .keyChoose: "↑↓ выбор", .keyToggle: "Пробел отметить",
        .keyAdd: "+ добавить", .keyOpen: "Enter открыть", .keyDelete: "Del удалить", .keyGoOn: "Ctrl-N дальше", .keyReview: "F5 обзор",
        .keyClose: "Esc закрыть", .keySave: "Ctrl-N сохранить", .keyCancel: "Esc отмена", .keyJump: "Enter перейти", .keyAnyKey: "любая клавиша",
        .enlarge: "Пожалуйста, увеличьте это окно.", .enlargeDetail: "Refuge нужно не меньше 80 столбцов и 24 строк (сейчас %1×%2).",
        .endTitle: "Это конец интервью. Спасибо.", .endRequired: "Пока без ответа: %1",
        .endNone: "На все обязательные вопросы есть ответы.", .noEntries: "Записей пока нет.", .addEntry: "+ Добавить запись",
        .deleteEntryConfirm: "Удалить запись %1? Нажмите д, чтобы удалить, любую другую клавишу, чтобы оставить.",
        .filter: "Поиск: %1", .otherPrompt: "Уточните, пожалуйста:", .dateMeans: "Это значит: %1", .dateNotYet: "Введите дату, например 2022, 2022-09 или 2022-09-21 (~ впереди: примерно).",
        .helpTitle: "Помощь", .helpKeys: "Клавиши", .menuTitle: "Меню", .reviewTitle: "Обзор", .clarifyTitle: "Что нужно уточнить",
        .noAnswer: "—", .dontKnowMenuTitle: "Ответить", .noteTitle: "Заметка интервьюера", .translationTitle: "Перевод переводчика",
        .interviewerLabel: "Интервьюер", .authorNote: "Примечание", .markFollowUp: "уточнить", .markLawyer: "только юристу",
        .markNote: "заметка", .markTranslation: "перевод", .fallback: "(нет перевода)",
        .hiddenHint: " ", .passphrasePrompt: "Пароль:", .wrongPassphrase: "Этот пароль не открывает эту сессию.",
        .saveFailed: "Ваш ответ сохранён в памяти, но не записан на диск: %1",
        .saveRetry: "r: попробовать снова", .saveElsewhere: "e: сохранить копию в домашней папке", .savedElsewhere: "Копия сохранена: %1.",
        .notSaved: "Не сохранено", .languageNow: "Язык: %1", .entryHeading: "Запись %1 из %2", .forInterviewer: "Для интервьюера",
        .menuHelp: "Помощь", .menuLanguage: "Следующий язык", .menuInterviewer: "Вид интервьюера вкл/выкл", .menuNote: "Заметка интервьюера",
        .menuFollowUp: "Отметка «уточнить» вкл/выкл", .menuReview: "Обзор всех ответов", .menuDontKnow: "Не знаю / предпочитаю не отвечать",
        .menuLawyer: "«Только для юриста» вкл/выкл", .menuHide: "Скрыть экран", .menuTranslation: "Перевод переводчика",
        .menuReport: "Создать отчёт", .menuQuit: "Сохранить и выйти", .reportWritten: "Отчёт записан: %1",
        .reportFailed: "Отчёт не удалось записать: %1", .reportUnencrypted: "Это незашифрованная копия: храните её бережно.",
        .noHelp: "Дополнительной помощи к этому вопросу нет.", .moreBelow: "дальше есть текст: нажмите ↓", .enterHint: "Нажмите Enter, чтобы продолжить.", .questionOf: "%1 из %2",
        .repeatEmptyHint: "Нажмите +, чтобы добавить запись, или Ctrl-N, чтобы продолжить.", .followUpOn: "Отмечено: уточнить.",
        .followUpOff: "Отметка «уточнить» снята.", .lawyerOn: "Отмечено: только для юриста.", .lawyerOff: "Отметка «только для юриста» снята.",
        .entriesCount: "записей: %1",
        .chooseOne: "Пожалуйста, выберите вариант (↑↓ или его номер) и нажмите Enter.",
        .chooseOneOrF6: "Пожалуйста, выберите вариант (↑↓ или его номер) или F6: не знаю / не хочу отвечать.",
        .keyOtherBack: "↑/Tab назад к списку",
        .moreInHelp: "дальше есть текст: F1 покажет весь вопрос", .numbersOnly: "Здесь можно ввести только число.",
        .wholeNumbersOnly: "Введите целое число (только цифры).", .keyPageScroll: "PgUp/PgDn прокрутка", .keyScroll: "↑↓ прокрутка", .keyEditing: "Ctrl-U/K/W стереть", .keySearch: "буквы: поиск",
        .keyClientView: "F12 вид клиента", .keyInterviewerView: "F12 интервьюер", .keyNote: "F3 заметка", .keyFollowUp: "F4 уточнить",
        .keyLawyer: "F7 юристу", .keyTranslation: "F9 перевод", .keyLanguage: "F2 язык", .keyHide: "F8 скрыть",
        .keyOtherField: "Tab ввести свой вариант", .keyAlso: "(также %1)", .keyTyping: "буквы: ввод",
    ]
}
