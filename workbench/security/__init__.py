"""Keys, encryption at rest and signatures (no Qt): see keys.py, database.py, storekeys.py,
signing.py and wrapping.py."""
