"""The press centre: press releases with embargo, contacts, attachments and a press kit; press
events (conferences, visits, briefings) with a calendar and iCalendar feeds."""
