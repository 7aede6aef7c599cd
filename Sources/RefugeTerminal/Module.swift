// RefugeTerminal
