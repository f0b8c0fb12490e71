"""Quarterly reports from the district portals to the Department of Foreign Affairs: figures the
city asks for (those the CMS knows prefilled) and narrative sections, through draft → submitted
→ returned / accepted, with reminders around the deadline, a roll-up and XLSX/PDF exports."""
