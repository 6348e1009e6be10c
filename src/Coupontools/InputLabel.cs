namespace Coupontools.PowerShell
{
    /// <summary>
    /// An input as an error names it ("row 3, anna@example.com"), with the input itself, which stays the record's
    /// TargetObject. Pass it as the target of TryCall, WriteApiError or ErrorMapper.ToRecord.
    /// </summary>
    public sealed class InputLabel
    {
        public InputLabel(string text, object? input)
        {
            Text = text;
            Input = input;
        }

        public string Text { get; }

        public object? Input { get; }

        public override string ToString() => Text;
    }
}
