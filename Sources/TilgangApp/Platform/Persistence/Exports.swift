// Every feature reads rows and takes the write turn through TilgangPersistence.
@_exported import TilgangPersistence
