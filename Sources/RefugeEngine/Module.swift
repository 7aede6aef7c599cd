// RefugeEngine
