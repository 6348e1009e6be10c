using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace Coupontools.PowerShell
{
    /// <summary>
    /// Declares that a cmdlet takes rows (Import-Csv rows, any PSCustomObject) and which of its parameters identify a row:
    /// each row must give at least one of them a value. <see cref="CtApiCmdlet.BindRow"/> does the rest.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, Inherited = true)]
    public sealed class TakesRowsAttribute : Attribute
    {
        public TakesRowsAttribute(string what, params string[] keys)
        {
            What = what;
            Keys = keys;
        }

        /// <summary>What a row must name, in the error: "a recipient", "a coupon session".</summary>
        public string What { get; }

        /// <summary>Parameter names of which a row must bind at least one.</summary>
        public IReadOnlyList<string> Keys { get; }
    }

    /// <summary>
    /// Binds the columns of a row that PowerShell's binding by property name misses, and checks the row names what the
    /// cmdlet needs. A column matches a parameter, or one of its aliases, when the names are equal once case, spaces,
    /// hyphens, underscores and dots are ignored: <c>E-mail</c>, <c>Email </c> and <c>email_address</c> all bind, as
    /// <c>Customer ID</c> does to an alias <c>CustomerId</c>. Only parameters bound by property name from the pipeline
    /// are filled, never one given on the command line or already bound by PowerShell.
    /// </summary>
    internal sealed class RowColumns
    {
        private readonly PSCmdlet cmdlet;
        private readonly TakesRowsAttribute rows;
        private readonly List<Column> columns;
        private readonly List<Column> filled = new List<Column>();

        private readonly HashSet<string> commandLine;

        private RowColumns(PSCmdlet cmdlet, TakesRowsAttribute rows)
        {
            this.cmdlet = cmdlet;
            this.rows = rows;
            columns = cmdlet.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public)
                .Where(p => p.GetCustomAttributes<ParameterAttribute>(true).Any(a => a.ValueFromPipelineByPropertyName))
                .Select(p => new Column(p, p.GetValue(cmdlet)))
                .ToList();
            commandLine = new HashSet<string>(cmdlet.MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// The binder of <paramref name="cmdlet"/>, or null when its class has no <see cref="TakesRowsAttribute"/>.
        /// Make it in BeginProcessing: what is bound then came from the command line.
        /// </summary>
        public static RowColumns? For(PSCmdlet cmdlet) =>
            cmdlet.GetType().GetCustomAttributes(typeof(TakesRowsAttribute), true).FirstOrDefault() is TakesRowsAttribute rows
                ? new RowColumns(cmdlet, rows)
                : null;

        /// <summary>
        /// Fills the parameters <paramref name="input"/> has a column for but PowerShell did not bind. Returns null for a
        /// good row (or input that is not a row); an error that stops the command (<paramref name="stopsCommand"/>) when the
        /// row has no column that names what the cmdlet needs, since every row of the file is then the same; or this row's
        /// error when such a column holds a value that is not valid.
        /// </summary>
        public ErrorRecord? Bind(object? input, long rowNumber, out bool stopsCommand)
        {
            stopsCommand = false;
            foreach (var column in filled)
            {
                column.Property.SetValue(cmdlet, column.Default);   // a value from the previous row never stays
            }

            filled.Clear();
            if (!(input is PSObject row) || !(row.BaseObject is PSCustomObject))
            {
                return null;
            }

            var bound = cmdlet.MyInvocation.BoundParameters;
            var found = row.Properties.Select(p => p.Name).ToList();
            string? invalid = null;
            foreach (var property in row.Properties)
            {
                var column = columns.FirstOrDefault(c => c.Matches(property.Name));
                if (column == null || bound.ContainsKey(column.Name) || HasValue(column.Name))
                {
                    continue;
                }

                var problem = column.TrySet(cmdlet, property.Value);
                if (problem == null)
                {
                    filled.Add(column);
                }
                else if (IsKey(column))
                {
                    invalid ??= $"Row {rowNumber}, column '{Shorten(property.Name)}': {problem}";
                }
            }

            if (rows.Keys.Any(commandLine.Contains) || rows.Keys.Any(HasValue))
            {
                return null;
            }

            if (found.Any(f => columns.Any(c => IsKey(c) && c.Matches(f))))
            {
                // The column is there; this row's cell is empty or not valid: this row's error, the others go on.
                var message = invalid ?? $"Row {rowNumber} names no {rows.What}: its {string.Join(", ", rows.Keys)} cell is empty.";
                return new ErrorRecord(new ArgumentException(message), "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, row)
                {
                    ErrorDetails = new ErrorDetails(message) { RecommendedAction = "Correct the row and run it again; no request was sent for it." },
                };
            }

            stopsCommand = true;
            return Refusal(row, found, rowNumber);
        }

        private bool IsKey(Column column) => rows.Keys.Contains(column.Name, StringComparer.OrdinalIgnoreCase);

        private bool HasValue(string parameter)
        {
            var value = cmdlet.GetType().GetProperty(parameter)?.GetValue(cmdlet);
            return value switch
            {
                null => false,
                string text => text.Trim().Length > 0,
                IEnumerable many => many.Cast<object?>().Any(v => v != null && v.ToString()!.Trim().Length > 0),
                _ => true,
            };
        }

        private ErrorRecord Refusal(PSObject row, List<string> found, long rowNumber)
        {
            var name = cmdlet.MyInvocation.MyCommand.Name;
            var keys = columns.Where(c => rows.Keys.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).Select(c => c.Describe());
            var others = columns.Where(c => !rows.Keys.Contains(c.Name, StringComparer.OrdinalIgnoreCase)).Select(c => c.Name);
            var oneColumn = found.Count == 1 ? found[0] : null;
            var delimiter = oneColumn != null && (oneColumn.Contains(";") || oneColumn.Contains("\t") || oneColumn.Contains("|"))
                ? $" The one column found, '{Shorten(oneColumn)}', holds a '{Separator(oneColumn)}': the file is delimited by it, so read it with Import-Csv -Delimiter '{Separator(oneColumn)}'."
                : " If the file uses ';' or a tab between columns (Excel and LibreOffice in many countries do), read it with Import-Csv -Delimiter ';' (or \"`t\").";
            var message =
                $"{name} stopped before sending anything: row {rowNumber} names no {rows.What}. " +
                $"Columns found: {(found.Count == 0 ? "(none)" : string.Join(", ", found.Select(f => "'" + Shorten(f) + "'")))}. " +
                $"Columns that name the {rows.What} (one is needed): {string.Join("; ", keys)}." +
                (others.Any() ? $" Other columns it reads: {string.Join(", ", others)}." : string.Empty) + delimiter;
            return new ErrorRecord(new ArgumentException(message), "Coupontools.RowColumnsNotFound", ErrorCategory.InvalidData, row)
            {
                ErrorDetails = new ErrorDetails(message)
                {
                    RecommendedAction = "Rename the columns (or use Select-Object @{ Name = 'Email'; Expression = { $_.'Your Column' } }), or fix -Delimiter, then run again.",
                },
            };
        }

        private static string Separator(string text) => text.Contains(";") ? ";" : text.Contains("\t") ? "`t" : "|";

        private static string Shorten(string text) => text.Length > 60 ? text.Substring(0, 60) + "…" : text;

        /// <summary>The name without case, spaces, hyphens, underscores and dots.</summary>
        internal static string Normalize(string name) =>
            new string(name.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_' && c != '.').ToArray()).ToUpperInvariant();

        private sealed class Column
        {
            private readonly HashSet<string> names;

            public Column(PropertyInfo property, object? defaultValue)
            {
                Property = property;
                Default = defaultValue;
                Aliases = property.GetCustomAttributes<AliasAttribute>(true).SelectMany(a => a.AliasNames).ToList();
                names = new HashSet<string>(new[] { property.Name }.Concat(Aliases).Select(Normalize), StringComparer.Ordinal);
            }

            public PropertyInfo Property { get; }

            /// <summary>The value before any row: what a filled parameter goes back to.</summary>
            public object? Default { get; }

            public string Name => Property.Name;

            public List<string> Aliases { get; }

            public bool Matches(string column) => names.Contains(Normalize(column));

            public string Describe() => Aliases.Count == 0 ? Name : $"{Name} (or {string.Join(", ", Aliases)})";

            /// <summary>Sets the parameter the way binding would (its transformations, then a conversion to its type); the problem, or null.</summary>
            public string? TrySet(PSCmdlet cmdlet, object? value)
            {
                if (value == null || (value is string text && text.Trim().Length == 0))
                {
                    return null;
                }

                try
                {
                    var engine = (EngineIntrinsics)cmdlet.GetVariableValue("ExecutionContext");
                    foreach (var transform in Property.GetCustomAttributes<ArgumentTransformationAttribute>(true))
                    {
                        value = transform.Transform(engine, value is string raw ? raw.Trim() : value);
                    }

                    Property.SetValue(cmdlet, LanguagePrimitives.ConvertTo(value, Property.PropertyType, CultureInfo.InvariantCulture));
                    return null;
                }
                catch (Exception ex) when (ex is ArgumentTransformationMetadataException || ex is PSInvalidCastException)
                {
                    return ex.Message;
                }
            }
        }
    }
}
