using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Coupontools.Client.Sessions;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>The barcode symbologies of <c>/v3/couponsession/barcode</c>.</summary>
    public enum BarcodeType
    {
        Code39,
        Code128b,
        Pdf417,
        Aztec,
        QrCode,
    }

    /// <summary>
    /// Gets a coupon session's barcode from <c>/v3/couponsession/barcode</c>. The reply's shape is not
    /// documented, so whatever comes back is kept: an image is saved to -OutFile (or carried as bytes in
    /// the Barcode object), a JSON reply's fields land in the Barcode object.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CtCouponSessionBarcode")]
    [OutputType(typeof(Barcode))]
    public sealed class GetCtCouponSessionBarcode : CtPerInputCmdlet
    {
        private readonly HashSet<string> written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Session", "CouponSession")]
        [CtId(IdKind.CouponSession)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        [Parameter(Position = 1)]
        public BarcodeType Type { get; set; } = BarcodeType.QrCode;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        protected override void BeginProcessing()
        {
            if (OutFile != null)
            {
                var path = GetUnresolvedProviderPathFromPSPath(OutFile);
                var folder = System.IO.Directory.Exists(path) ? path : Path.GetDirectoryName(path);
                if (OutFile.Trim().Length == 0 || OutFile.Any(char.IsControl) || string.IsNullOrEmpty(folder) || !System.IO.Directory.Exists(folder))
                {
                    ThrowInvalidArgument($"-OutFile '{CtIdAttribute.Shorten(OutFile)}' is not an existing folder or a file in one.", "InvalidArgument", OutFile);
                }
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            var type = Type.ToString().ToLowerInvariant();
            foreach (var id in Id)
            {
                var session = id;
                var request = Observe(BarcodeReader.Request(session, type));
                StartRequest(session, (client, token) => client.SendAsync(request, () => new BarcodeReader(session, type), token), Write);
            }
        }

        /// <summary>Writes one barcode, saved first with -OutFile.</summary>
        private void Write(Barcode barcode)
        {
            if (OutFile != null)
            {
                if (barcode.Content == null)
                {
                    WriteWarning($"The barcode reply for {barcode.Session} is not an image ({barcode.ContentType}); nothing was saved. Its fields are in AdditionalProperties.");
                }
                else if (!Save(barcode))
                {
                    return;
                }
            }

            WriteObject(barcode);
        }

        /// <summary>Saves the image: into -OutFile when it is a folder (one file per session), else to -OutFile itself.</summary>
        private bool Save(Barcode barcode)
        {
            var path = GetUnresolvedProviderPathFromPSPath(OutFile);
            if (System.IO.Directory.Exists(path))
            {
                path = Path.Combine(path, $"{barcode.Session}-{barcode.Type}{Extension(barcode.ContentType)}");
            }

            if (!written.Add(path))
            {
                WriteError(new ErrorRecord(new IOException($"'{path}' already holds the barcode of an earlier session of this command; give a folder as -OutFile to save one file per session."),
                    "Coupontools.OutFileInUse", ErrorCategory.ResourceExists, barcode.Session));
                return false;
            }

            try
            {
                File.WriteAllBytes(path, barcode.Content!);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "Coupontools.OutFileFailed", ErrorCategory.WriteError, path));
                return false;
            }

            barcode.Path = path;
            barcode.Content = null;
            return true;
        }

        private static string Extension(string? mediaType)
        {
            switch (mediaType?.ToLowerInvariant())
            {
                case "image/png": return ".png";
                case "image/svg+xml": return ".svg";
                case "image/jpeg": return ".jpg";
                case "image/gif": return ".gif";
                case "application/pdf": return ".pdf";
                default: return ".bin";
            }
        }
    }
}
