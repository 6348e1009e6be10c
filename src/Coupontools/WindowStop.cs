using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Host;
using System.Threading;
using Coupontools.Client.Bulk;

namespace Coupontools.PowerShell
{
    /// <summary>What a cmdlet that keeps requests in flight (a <see cref="RequestWindow{TInput, TResult}"/>) does on Ctrl+C.</summary>
    internal static class WindowStop
    {
        /// <summary>How long a stop waits for the requests already in flight before giving up on them.</summary>
        public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Nothing new starts (the pipeline thread sees its cancelled token); the requests already sent run to
        /// their end, because cancelling them would leave their outcome unknown. The pipeline no longer takes
        /// output, so their results are reported on the host, one line each from <paramref name="describe"/>.
        /// </summary>
        public static void Report<TInput, TResult>(RequestWindow<TInput, TResult>? window, CancellationTokenSource inFlight, PSHost? host,
            string command, Func<WindowItem<TInput, TResult>, string> describe, string? footer = null)
        {
            if (window == null)
            {
                return;
            }

            inFlight.CancelAfter(Grace);
            var rest = window.DrainRemaining(Grace + TimeSpan.FromSeconds(5));
            var ui = host?.UI;
            if (rest.Count == 0 || ui == null)
            {
                return;
            }

            Write(ui, command, rest.Select(describe).ToList(), footer);
        }

        /// <summary>The report itself: a heading, one line per request that was in flight, and the footer.</summary>
        public static void Write(PSHostUserInterface ui, string command, IReadOnlyList<string> lines, string? footer)
        {
            ui.WriteWarningLine($"{command} was stopped with {lines.Count} request(s) in flight; their results could not be written to the pipeline:");
            foreach (var line in lines)
            {
                ui.WriteWarningLine(OneLine(line));
            }

            if (footer != null)
            {
                ui.WriteWarningLine(footer);
            }
        }

        /// <summary>
        /// One input, one line: a line break or other control character (in a reply or an error's text,
        /// both from the network) becomes a space, so no line of the report can pass for another.
        /// </summary>
        internal static string OneLine(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsControl(chars[i]))
                {
                    chars[i] = ' ';
                }
            }

            return new string(chars);
        }
    }
}
