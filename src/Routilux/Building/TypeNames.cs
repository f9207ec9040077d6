namespace Routilux;

/// <summary>Readable C#-like type names for error messages ("List&lt;string&gt;", not "List`1").</summary>
internal static class TypeNames
{
    public static string Display(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
    }

    /// <summary>The readable name with its namespace and outer classes ("Demo.Sink&lt;string&gt;"), for messages that compare two types.</summary>
    public static string Qualified(Type type)
    {
        var name = Display(type);
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
        {
            name = $"{Display(outer)}.{name}";
        }

        return string.IsNullOrEmpty(type.Namespace) ? name : $"{type.Namespace}.{name}";
    }
}
