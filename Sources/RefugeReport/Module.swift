// RefugeReport
