// netstandard2.0 lacks this marker type; the compiler needs it for the init accessors of records.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
