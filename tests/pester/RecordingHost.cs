// Compiled by New-CtRecordingRunspace (tests/pester/RobustnessHelpers.psm1) with Add-Type.
// A PowerShell host that shows nothing and records every line written to its UI, so a test can read
// what a cmdlet says to the host itself (Host.UI.WriteWarningLine), which no pipeline stream carries.
// It cannot prompt: a prompt fails, naming what was asked.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Coupontools.Test
{
    /// <summary>One line written to the host: its kind (Warning, Error, Verbose, Debug, Output) and text.</summary>
    public sealed class HostLine
    {
        public HostLine(string kind, string text)
        {
            Kind = kind;
            Text = text;
        }

        public string Kind { get; }

        public string Text { get; }

        public override string ToString() => Kind + ": " + Text;
    }

    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingHostUI ui = new RecordingHostUI();
        private readonly Guid id = Guid.NewGuid();

        public override string Name => "CoupontoolsRecordingHost";

        public override Version Version => new Version(1, 0);

        public override Guid InstanceId => id;

        public override PSHostUserInterface UI => ui;

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        /// <summary>Every line written so far, in order (a copy).</summary>
        public HostLine[] Lines => ui.Snapshot();

        /// <summary>The text of every warning line written so far, in order.</summary>
        public string[] Warnings => Array.ConvertAll(Array.FindAll(ui.Snapshot(), line => line.Kind == "Warning"), line => line.Text);

        public void Clear() => ui.Clear();

        public override void SetShouldExit(int exitCode)
        {
        }

        public override void EnterNestedPrompt() => throw new NotSupportedException("The recording host has no nested prompt.");

        public override void ExitNestedPrompt() => throw new NotSupportedException("The recording host has no nested prompt.");

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }
    }

    public sealed class RecordingHostUI : PSHostUserInterface
    {
        private readonly object gate = new object();
        private readonly List<HostLine> lines = new List<HostLine>();
        private string partial = string.Empty;

        public override PSHostRawUserInterface RawUI => null;

        public HostLine[] Snapshot()
        {
            lock (gate)
            {
                return lines.ToArray();
            }
        }

        public void Clear()
        {
            lock (gate)
            {
                lines.Clear();
                partial = string.Empty;
            }
        }

        public override void Write(string value)
        {
            lock (gate)
            {
                partial += value;
            }
        }

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value)
        {
            lock (gate)
            {
                lines.Add(new HostLine("Output", partial + value));
                partial = string.Empty;
            }
        }

        public override void WriteErrorLine(string value) => Add("Error", value);

        public override void WriteDebugLine(string message) => Add("Debug", message);

        public override void WriteVerboseLine(string message) => Add("Verbose", message);

        public override void WriteWarningLine(string message) => Add("Warning", message);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override string ReadLine() => throw Cannot("read a line");

        public override SecureString ReadLineAsSecureString() => throw Cannot("read a secure string");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw Cannot("prompt: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Cannot("prompt for a credential: " + message);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Cannot("prompt for a credential: " + message);

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw Cannot("ask: " + message);

        private static NotSupportedException Cannot(string what) => new NotSupportedException("The recording host cannot " + what);

        private void Add(string kind, string text)
        {
            lock (gate)
            {
                lines.Add(new HostLine(kind, text));
            }
        }
    }
}
