// RefugeScreen
