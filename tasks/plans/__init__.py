"""Plans: read a YAML plan file (files.py), store a validated plan (store.py), and read
stored plans back (store.read_plans, the one way). May import infra, models and yaml."""
