namespace Coupontools.Simulator;

/// <summary>
/// The v4 directory examples of vendor-2025/directory.txt: directories 1 and 2 as the list prints them (Get directory
/// prints no url: UrlOnGet false), user 1 (john@doe.com) of directory 1 as the user examples print him, the printed
/// sign-on token, and the sender the send-by-e-mail reply names. Directory 2 has no users, so the create example
/// (john@doe.com, reply id 1) is sent there. Legacy (v3) directories have no printed reply and none is seeded.
/// </summary>
static partial class VendorExamples
{
    /// <summary>The printed preview images are cut after "eu-central-" (list) and "eu-central-1." (get); completed alike.</summary>
    const string PrintedPreviewImage = "https://images-coupontools.s3.eu-central-1.amazonaws.com/directory/preview.png";

    static partial void SeedDirectories(Store store)
    {
        var book = store.V4Directories;
        book.Add(new V4Directory(1, "abcdefgh1", "Directory 1", null, PrintedPreviewImage, "2022-01-18T10:12:43.000000Z", "2022-01-18T10:12:43.000000Z",
            "https://promodeals.app/abcdefgh1") { UrlOnGet = false, SsoBase = "https://promodeals.app/abcdefghij" });
        book.Add(new V4Directory(2, "abcdefgh2", "Directory 2", null, PrintedPreviewImage, "2022-01-18T13:26:25.000000Z", "2022-01-18T13:26:25.000000Z",
            "https://promodeals.app/abcdefgh2") { UrlOnGet = false });
        book.Create(1, id => new V4DirectoryUser(id, "john@doe.com", "John", "Doe", "2022-01-18T14:50:54.000000Z") { LinkedAt = "2022-01-18T14:50:58.000000Z" });
        book.SsoToken = "ioDxYxXRPZadevIfRLR8P8KKGAMtg2";
        book.DefaultSender = "noreply@yourdomain.com";
    }
}
