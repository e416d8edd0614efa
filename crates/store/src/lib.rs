//! Store: the archive behind one interface. SCAFFOLD.
