"""Burned-in overlay text detector (patient name, birth date, identifiers, date and time)."""
