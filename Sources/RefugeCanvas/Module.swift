// RefugeCanvas
