using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Routilux.Generators.Model;

namespace Routilux.Generators.Parsing;

/// <summary>A state member's spec with the symbol it was read from, for the analyzers' diagnostics.</summary>
/// <param name="Spec">The member as the generator sees it.</param>
/// <param name="Symbol">The field or property.</param>
/// <param name="Location">The member's identifier in source, or null when it has none.</param>
/// <param name="StateAttributeLocation">The member's own [State] attribute as written, or null when it has none (state by the class's [State]).</param>
internal sealed record ParsedStateMember(StateMemberSpec Spec, ISymbol Symbol, Location? Location, Location? StateAttributeLocation);

/// <summary>A [MigrateState] method's spec with its symbol and locations.</summary>
/// <param name="Spec">The migration as the generator sees it.</param>
/// <param name="Method">The method.</param>
/// <param name="Location">The method's identifier in source, or null.</param>
/// <param name="AttributeLocation">The [MigrateState(from)] attribute as written, or null.</param>
internal sealed record ParsedMigration(MigrationSpec Spec, IMethodSymbol Method, Location? Location, Location? AttributeLocation);

/// <summary>
/// What <see cref="StateParser.Read"/> found: the value-equatable <see cref="Spec"/> the generator keeps, and beside it
/// the symbols and locations the analyzers report at. Never kept past the generator's transform.
/// </summary>
/// <param name="Spec">The state spec.</param>
/// <param name="Members">The state members, in the order of <see cref="StateSpec.Members"/>.</param>
/// <param name="Migrations">The migrations, in the order of <see cref="StateSpec.Migrations"/>.</param>
/// <param name="ClassStateAttributeLocation">[State] on the class as written, or null when it is not there.</param>
/// <param name="StateVersionLocation">The <c>StateVersion = n</c> argument of [Routine] when written, else the [Routine] attribute, or null.</param>
internal sealed record ParsedState(
    StateSpec Spec,
    IReadOnlyList<ParsedStateMember> Members,
    IReadOnlyList<ParsedMigration> Migrations,
    Location? ClassStateAttributeLocation,
    Location? StateVersionLocation);

/// <summary>
/// Reads a routine's saved state: [Routine(StateVersion)], the [State] members (or, with [State] on the class, every
/// instance field and auto-property the class declares except [NotState] and compiler- or Routilux-generated ones),
/// and the [MigrateState] methods. It reads declarations as written and judges nothing: whether a member can be
/// written and read, and whether the migration chain is whole, is decided by the serializer parser and the analyzers.
/// Never throws on user code.
/// </summary>
internal static class StateParser
{
    /// <summary>The state spec alone, as the generator keeps it.</summary>
    public static StateSpec Parse(INamedTypeSymbol type, AttributeData routineAttribute, CancellationToken cancellationToken) =>
        Read(type, routineAttribute, cancellationToken).Spec;

    /// <summary>The state spec with the symbols and locations it was read from.</summary>
    public static ParsedState Read(INamedTypeSymbol type, AttributeData routineAttribute, CancellationToken cancellationToken)
    {
        var classAttribute = FindAttribute(type, KnownTypes.IsStateAttribute);
        var declaredOnClass = classAttribute is not null;
        var autoProperties = AutoProperties(type);

        var members = new List<ParsedStateMember>();
        var migrations = new List<ParsedMigration>();
        foreach (var member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is IMethodSymbol method)
            {
                if (FindAttribute(method, KnownTypes.IsMigrateStateAttribute) is { } migrate)
                {
                    migrations.Add(Migration(method, migrate));
                }

                continue;
            }

            if (member is not (IFieldSymbol or IPropertySymbol) || IsGenerated(member))
            {
                continue;
            }

            var stateAttribute = FindAttribute(member, KnownTypes.IsStateAttribute);
            var isState = stateAttribute is not null
                || (declaredOnClass
                    && !member.IsStatic
                    && FindAttribute(member, KnownTypes.IsNotStateAttribute) is null
                    && (member is IFieldSymbol { IsConst: false } || (member is IPropertySymbol property && autoProperties.Contains(property))));
            if (isState)
            {
                members.Add(Member(member, stateAttribute));
            }
        }

        var memberSpecs = new StateMemberSpec[members.Count];
        for (var i = 0; i < memberSpecs.Length; i++)
        {
            memberSpecs[i] = members[i].Spec;
        }

        var migrationSpecs = new MigrationSpec[migrations.Count];
        for (var i = 0; i < migrationSpecs.Length; i++)
        {
            migrationSpecs[i] = migrations[i].Spec;
        }

        var spec = new StateSpec(
            KnownTypes.NamedArgument(routineAttribute, "StateVersion", 1),
            declaredOnClass,
            new EquatableArray<StateMemberSpec>(memberSpecs),
            new EquatableArray<MigrationSpec>(migrationSpecs));
        return new ParsedState(
            spec,
            members,
            migrations,
            classAttribute is null ? null : AttributeLocation(classAttribute),
            StateVersionLocation(routineAttribute));
    }

    private static ParsedStateMember Member(ISymbol member, AttributeData? stateAttribute)
    {
        var name = stateAttribute is null ? null : KnownTypes.NamedArgument<string>(stateAttribute, "Name", null);
        StateMemberSpec spec;
        if (member is IFieldSymbol field)
        {
            spec = new StateMemberSpec(
                field.Name,
                name ?? field.Name,
                name is not null,
                FormerNames(stateAttribute),
                SymbolNames.Type(field.Type),
                StateMemberKind.Field,
                IsReadOnly: field.IsReadOnly,
                HasSetter: !field.IsReadOnly,
                IsInitOnly: false,
                IsRequired: field.IsRequired,
                IsStatic: field.IsStatic);
        }
        else
        {
            var property = (IPropertySymbol)member;
            var setter = property.SetMethod;
            spec = new StateMemberSpec(
                property.Name,
                name ?? property.Name,
                name is not null,
                FormerNames(stateAttribute),
                SymbolNames.Type(property.Type),
                StateMemberKind.Property,
                IsReadOnly: setter is null || setter.IsInitOnly,
                HasSetter: setter is { IsInitOnly: false },
                IsInitOnly: setter is { IsInitOnly: true },
                IsRequired: property.IsRequired,
                IsStatic: property.IsStatic);
        }

        return new ParsedStateMember(spec, member, SourceLocation(member), stateAttribute is null ? null : AttributeLocation(stateAttribute));
    }

    private static ParsedMigration Migration(IMethodSymbol method, AttributeData attribute)
    {
        var from = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value ? value : 0;
        var validSignature = method.IsStatic
            && method.ReturnsVoid
            && !method.IsGenericMethod
            && method.Parameters.Length == 1
            && method.Parameters[0].RefKind == RefKind.None
            && KnownTypes.IsJsonObject(method.Parameters[0].Type);
        return new ParsedMigration(new MigrationSpec(method.Name, from, validSignature), method, SourceLocation(method), AttributeLocation(attribute));
    }

    /// <summary>[State(FormerNames = new[] { ... })], skipping null entries; empty when not given.</summary>
    private static EquatableArray<string> FormerNames(AttributeData? stateAttribute)
    {
        if (stateAttribute is null)
        {
            return EquatableArray<string>.Empty;
        }

        foreach (var argument in stateAttribute.NamedArguments)
        {
            if (argument.Key == "FormerNames" && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull)
            {
                var names = new List<string>();
                foreach (var item in argument.Value.Values)
                {
                    if (item.Value is string former)
                    {
                        names.Add(former);
                    }
                }

                return new EquatableArray<string>(names.ToArray());
            }
        }

        return EquatableArray<string>.Empty;
    }

    /// <summary>
    /// The properties with a compiler-generated backing field. Roslyn 4.8 has no IsAutoProperty, but each backing
    /// field is an implicitly declared field whose AssociatedSymbol is its property.
    /// </summary>
    private static HashSet<IPropertySymbol> AutoProperties(INamedTypeSymbol type)
    {
        var properties = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var member in type.GetMembers())
        {
            if (member is IFieldSymbol { IsImplicitlyDeclared: true, AssociatedSymbol: IPropertySymbol property })
            {
                properties.Add(property);
            }
        }

        return properties;
    }

    /// <summary>
    /// Compiler-generated members (backing fields, a record's EqualityContract) and this generator's own
    /// (__routilux...: the analyzers see generated parts, the generator's transform does not) are never state.
    /// </summary>
    private static bool IsGenerated(ISymbol member) =>
        member.IsImplicitlyDeclared
        || member.Name.StartsWith("__routilux", System.StringComparison.Ordinal)
        || KnownTypes.IsGeneratedByRoutilux(member);

    private static AttributeData? FindAttribute(ISymbol symbol, System.Func<INamedTypeSymbol?, bool> isWanted)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (isWanted(attribute.AttributeClass))
            {
                return attribute;
            }
        }

        return null;
    }

    private static Location? StateVersionLocation(AttributeData routineAttribute)
    {
        if (routineAttribute.ApplicationSyntaxReference?.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax { ArgumentList: { } arguments })
        {
            foreach (var argument in arguments.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == "StateVersion")
                {
                    return argument.GetLocation();
                }
            }
        }

        return AttributeLocation(routineAttribute);
    }

    private static Location? SourceLocation(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return location;
            }
        }

        return null;
    }

    private static Location? AttributeLocation(AttributeData attribute) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : null;
}
