using System.ComponentModel;
using System.IO;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Routilux.Execution;

namespace Routilux.Tests;

/// <summary>
/// The members only generated code may call are public (generated code lives in users' assemblies) but hidden from
/// IntelliSense and documented as unsupported (docs/public-api.md). These tests read Routilux.dll and its XML
/// documentation, so a member hidden without saying why, said to be for generated code but left visible, or a
/// generated-code entry point made visible again, fails here.
/// </summary>
public partial class GeneratedCodeSurfaceTests
{
    /// <summary>The sentence every hidden member's summary starts with.</summary>
    private const string Marker = "For generated code; not part of the supported API.";

    private static readonly Assembly Runtime = typeof(Runtime).Assembly;

    private static readonly Lazy<Dictionary<string, string>> Summaries = new(LoadSummaries);

    /// <summary>What the generator emits calls into (see generators/Routilux.Generators/Emit and its snapshots).</summary>
    public static TheoryData<Type, string> GeneratedCodeEntryPoints => new()
    {
        { typeof(RoutineCell), nameof(RoutineCell.Payload) },
        { typeof(RoutineCell), nameof(RoutineCell.Batch) },
        { typeof(RoutineCell), nameof(RoutineCell.Context) },
        { typeof(RoutineCell), nameof(RoutineCell.CancellationToken) },
        { typeof(RoutineCell), nameof(RoutineCell.Emit) },
        { typeof(RoutineCell), nameof(RoutineCell.EmitAsync) },
        { typeof(RoutineCell), nameof(RoutineCell.EnsureAttached) },
        { typeof(RoutineCell), nameof(RoutineCell.UnknownSlot) },
        { typeof(RoutineDescriptor), ConstructorInfo.ConstructorName },
        { typeof(SlotDescriptor), nameof(SlotDescriptor.Create) },
        { typeof(EventDescriptor), nameof(EventDescriptor.Create) },
        { typeof(OnErrorAttribute), nameof(OnErrorAttribute.ToPolicy) },
        { typeof(RoutineCatalog), nameof(RoutineCatalog.Register) },
        { typeof(RoutineHandle<>), "GetSlotPort" },
        { typeof(RoutineHandle<>), "GetEventPort" },
    };

    /// <summary>Types that exist only for generated code, hidden as a whole.</summary>
    public static TheoryData<Type> GeneratedCodeTypes => new()
    {
        typeof(RoutineCell),
        typeof(IRoutine),
        typeof(IRoutineDefinition<>),
    };

    [Theory]
    [MemberData(nameof(GeneratedCodeEntryPoints))]
    public void Each_member_generated_code_calls_is_hidden_and_documented_as_unsupported(Type type, string name)
    {
        var members = VisibleMembers(type).Where(m => m.Name == name).ToList();

        Assert.NotEmpty(members);
        foreach (var member in members)
        {
            Assert.True(IsHidden(member), $"{DocId(member)} is called only by generated code but shows in IntelliSense; mark it [EditorBrowsable(EditorBrowsableState.Never)].");
            Assert.StartsWith(Marker, Summary(member), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(GeneratedCodeTypes))]
    public void Each_type_only_generated_code_uses_is_hidden_and_documented_as_unsupported(Type type)
    {
        Assert.True(IsHidden(type), $"{DocId(type)} exists only for generated code but shows in IntelliSense.");
        Assert.StartsWith(Marker, Summary(type), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_hidden_type_or_member_is_documented_as_for_generated_code()
    {
        var undocumented = ApiElements()
            .Where(IsHidden)
            .Where(e => !Summary(e).StartsWith(Marker, StringComparison.Ordinal))
            .Select(DocId)
            .ToList();

        Assert.True(undocumented.Count == 0, $"Hidden from IntelliSense without a summary starting \"{Marker}\":\n" + string.Join("\n", undocumented));
    }

    [Fact]
    public void Everything_documented_as_for_generated_code_is_hidden()
    {
        var marked = ApiElements().Where(e => Summary(e).Contains(Marker, StringComparison.Ordinal)).ToList();
        var visible = marked.Where(e => !IsHidden(e)).Select(DocId).ToList();

        Assert.True(visible.Count == 0, "Documented as for generated code but not [EditorBrowsable(Never)]:\n" + string.Join("\n", visible));

        // Every marked summary in the XML file belongs to an element found above: a doc id this test computes
        // wrongly cannot let a visible member slip through unchecked.
        var markedInXml = Summaries.Value.Where(s => s.Value.Contains(Marker, StringComparison.Ordinal)).Select(s => s.Key).Order(StringComparer.Ordinal);
        Assert.Equal(markedInXml, marked.Select(DocId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_hidden_class_shows_no_visible_member()
    {
        var visible = Runtime.GetExportedTypes()
            .Where(t => t.IsClass && IsHidden(t))
            .SelectMany(VisibleMembers)
            .Where(m => !IsHidden(m) && !IsOverride(m))
            .Select(DocId)
            .ToList();

        Assert.True(visible.Count == 0, "Public members of hidden classes that are not hidden themselves:\n" + string.Join("\n", visible));
    }

    private static IEnumerable<MemberInfo> ApiElements() =>
        Runtime.GetExportedTypes().SelectMany(t => VisibleMembers(t).Prepend(t));

    /// <summary>The members a user of the assembly can see on <paramref name="type"/>, declared there.</summary>
    private static IEnumerable<MemberInfo> VisibleMembers(Type type) =>
        type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not Type && !m.Name.StartsWith('<'))
            .Where(m => m is not MethodInfo { IsSpecialName: true })
            .Where(m => IsVisible(m, type));

    private static bool IsVisible(MemberInfo member, Type type) => member switch
    {
        MethodBase method => method.IsPublic || (!type.IsSealed && (method.IsFamily || method.IsFamilyOrAssembly)),
        FieldInfo field => field.IsPublic || (!type.IsSealed && (field.IsFamily || field.IsFamilyOrAssembly)),
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => IsVisible(a, type)),
        EventInfo @event => @event.AddMethod is { } add && IsVisible(add, type),
        _ => false,
    };

    private static bool IsHidden(MemberInfo member) =>
        member.GetCustomAttribute<EditorBrowsableAttribute>()?.State == EditorBrowsableState.Never;

    private static bool IsOverride(MemberInfo member) => member switch
    {
        MethodInfo method => method.GetBaseDefinition() != method,
        PropertyInfo property => property.GetAccessors().Any(a => a.GetBaseDefinition() != a),
        _ => false,
    };

    private static string Summary(MemberInfo member) =>
        Summaries.Value.TryGetValue(DocId(member), out var summary) ? summary : string.Empty;

    /// <summary>Routilux.xml, beside Routilux.dll: every member's summary as plain text, by documentation id.</summary>
    private static Dictionary<string, string> LoadSummaries()
    {
        var path = Path.ChangeExtension(Runtime.Location, ".xml");
        Assert.True(File.Exists(path), $"The XML documentation of Routilux is not beside the assembly ({path}).");
        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Whitespace().Replace(m.Element("summary")!.Value, " ").Trim(), StringComparer.Ordinal);
    }

    /// <summary>The documentation id the C# compiler writes for <paramref name="member"/> ("M:Ns.Type.Method``1(System.Int32)").</summary>
    private static string DocId(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeId(type),
        ConstructorInfo ctor => "M:" + TypeId(ctor.DeclaringType!) + ".#ctor" + Parameters(ctor),
        MethodInfo method => "M:" + TypeId(method.DeclaringType!) + "." + method.Name
            + (method.IsGenericMethodDefinition ? "``" + method.GetGenericArguments().Length : string.Empty) + Parameters(method),
        PropertyInfo property => "P:" + TypeId(property.DeclaringType!) + "." + property.Name,
        FieldInfo field => "F:" + TypeId(field.DeclaringType!) + "." + field.Name,
        EventInfo @event => "E:" + TypeId(@event.DeclaringType!) + "." + @event.Name,
        _ => throw new ArgumentOutOfRangeException(nameof(member), member, "Not a documented member kind."),
    };

    private static string TypeId(Type type) => type.FullName!.Replace('+', '.');

    private static string Parameters(MethodBase method)
    {
        var parameters = method.GetParameters();
        return parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterId(p.ParameterType))) + ")";
    }

    private static string ParameterId(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterId(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return ParameterId(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition().FullName!.Replace('+', '.');
            return definition[..definition.IndexOf('`', StringComparison.Ordinal)] + "{" + string.Join(",", type.GetGenericArguments().Select(ParameterId)) + "}";
        }

        return TypeId(type);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
