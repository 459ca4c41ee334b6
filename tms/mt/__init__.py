"""Machine-translation engines behind one base class; ``registry.get_engine(name)`` builds them."""
