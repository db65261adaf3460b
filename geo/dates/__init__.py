"""When a strike happened: the date its sentence gives, read relative to the publication date, and the day
every mention counts for (event_dates.py)."""
