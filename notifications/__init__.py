"""Channels and message templates: email over SMTP, Zalo OA and ZNS, a signed webhook.

- channels.py, config.py: the configured channels behind one `deliver(Outgoing)` call;
- email_channel.py, zalo_plugins.py, zalo_api.py, zalo_tokens.py, webhook_plugin.py,
  plugins.py: the Apprise plugins and the kept-open SMTP connection;
- render.py, context.py, templates/: Vietnamese messages from Jinja2 templates;
- sandbox.py, budget.py, template_rules.py: the Jinja2 sandbox every template (Word,
  Markdown, message) is filled in, its budget per render and the check that reads templates;
- redaction.py, url_secrets.py: masking secrets (the environment's and every secret-looking
  part of every URL) in log records, outbox rows and errors; apprise_url.py: a channel URL
  opened without being echoed.

May import notifications, models, apprise, jinja2, requests and yaml; knows nothing of the
database or of Prefect.
"""
