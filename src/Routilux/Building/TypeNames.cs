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

    /// <summary>
    /// The full name in C# syntax with every part qualified ("System.Collections.Generic.Dictionary&lt;System.String,
    /// System.Int32&gt;", "System.String[]", "Demo.Outer.Inner"), for descriptions that tools read: unlike
    /// <see cref="Type.FullName"/> it has no arity ticks, assembly names or '+' for nesting, and it is the same on every machine.
    /// </summary>
    public static string Full(Type type)
    {
        if (type.IsArray)
        {
            return $"{Full(type.GetElementType()!)}[{new string(',', type.GetArrayRank() - 1)}]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        // A nested type's generic arguments include its outer types' ones, first: hand each part its own.
        var arguments = type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        var used = 0;
        var name = FullPart(type, arguments, ref used);
        return string.IsNullOrEmpty(type.Namespace) ? name : $"{type.Namespace}.{name}";
    }

    private static string FullPart(Type type, Type[] arguments, ref int used)
    {
        var prefix = type.DeclaringType is { } outer ? FullPart(outer, arguments, ref used) + "." : string.Empty;
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick < 0)
        {
            return prefix + name;
        }

        var count = int.Parse(name.AsSpan(tick + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
        var own = arguments.Skip(used).Take(count).Select(Full);
        used += count;
        return $"{prefix}{name[..tick]}<{string.Join(", ", own)}>";
    }
}
