"""Delivering a complaint's answer to the citizen, by every way that is configured, and what staff must do by hand.

- `plan`: which routes a complaint gets (chat of its channel, e-mail, SMS, a call-back task) and the promise the
  bot makes when it records the complaint — only routes that are configured are promised.
- `models`: one row per route and answer (pending → sent | failed; a call-back task → done).
- `service`: create the rows with the answer (same transaction), send the pending ones, retry, mark a task done.
- `mailer`, `sms`, `chat`: the adapters (SMTP; the SMS gateway contract; web outbox, Telegram Bot API, Zalo OA).
"""
