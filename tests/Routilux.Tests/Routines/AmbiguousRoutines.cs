namespace Routilux.Tests.Routines.Ambiguity.First
{
    /// <summary>Shares its catalog name with Second.Twin: adding "Twin" by name is ambiguous.</summary>
    [Routine]
    public partial class Twin
    {
        [Slot]
        public void In(int value)
        {
        }
    }
}

namespace Routilux.Tests.Routines.Ambiguity.Second
{
    /// <summary>Shares its catalog name with First.Twin.</summary>
    [Routine]
    public partial class Twin
    {
        [Slot]
        public void In(int value)
        {
        }
    }
}
