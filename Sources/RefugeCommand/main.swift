print("refuge")
