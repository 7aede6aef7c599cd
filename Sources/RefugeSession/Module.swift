// RefugeSession
