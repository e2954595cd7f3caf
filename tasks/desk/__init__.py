"""Each run's answer to the clerk who started it: a Vietnamese summary (summary.py) of what it
did, the numbers it created, the documents as links, the messages by channel and unit
(sending.py), what it refused and why; the builders per flow (intake.py, campaigns.py); the
task that publishes it as the run's artifact (steps.py). May import infra, models,
notifications, tasks.documents.inert_markdown, tasks.intake, tasks.messages and tasks.records."""
