// RefugeQuestionnaire
