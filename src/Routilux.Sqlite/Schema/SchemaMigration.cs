namespace Routilux.Sqlite.Schema;

/// <summary>
/// One step of the store's schema: the SQL that brings a file from <see cref="Version"/> − 1 to <see cref="Version"/>,
/// and the oldest schema version a reader must understand to use the file afterwards.
/// </summary>
/// <remarks>
/// A migration that only adds (a table, a nullable column, an index) keeps <see cref="MinimumReaderVersion"/> where it
/// was, so an older Routilux.Sqlite still opens the file; one that changes what existing tables mean raises it to its
/// own version, and older code then refuses the file with an error instead of misreading it.
/// </remarks>
internal sealed record SchemaMigration(int Version, int MinimumReaderVersion, string Description, string Sql);
