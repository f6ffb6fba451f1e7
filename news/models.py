"""Stories and their taxonomy."""
