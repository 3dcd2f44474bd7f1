"""What an item is: the content model, one definition per kind, scoring, rendering, widgets."""
