"""Questions about procedures the catalogue does not hold: recorded for admins to see what to add next."""
