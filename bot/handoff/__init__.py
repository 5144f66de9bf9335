"""Human handoff: a citizen asks for a person, staff claim the conversation, reply, and hand it back to the bot."""
