using System.Text;
using Coupontools.Client.Webhooks;
using Xunit;

namespace Coupontools.Client.Tests;

/// <summary>-StateFile: handled deliveries survive a restart, within bounds, written so a crash never corrupts it.</summary>
public sealed class WebhookStateFileTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("ct-state-").FullName;

    private string File1 => Path.Combine(folder, "state.txt");

    public void Dispose() => System.IO.Directory.Delete(folder, true);

    private WebhookStateFile Open(int max = 1000, double hours = 48, DateTime? now = null) =>
        WebhookStateFile.Open(File1, TimeSpan.FromHours(hours), max, now ?? Now);

    [Fact]
    public void Recorded_keys_are_known_after_a_restart()
    {
        using (var state = Open())
        {
            Assert.False(File.Exists(File1));   // created on the first delivery, not before
            state.Record(WebhookStateFile.Key("coupon_claimed", "evt_1"), Now);
            state.Record(WebhookStateFile.Key("directory_registration", "922"), Now);
        }

        using var again = Open();
        Assert.Equal(2, again.Count);
        Assert.True(again.Contains(WebhookStateFile.Key("coupon_claimed", "evt_1")));
        Assert.True(again.Contains(WebhookStateFile.Key("directory_registration", "922")));
        Assert.False(again.Contains(WebhookStateFile.Key("coupon_created", "evt_1")));
    }

    [Fact]
    public void Odd_ids_are_escaped_so_a_line_stays_one_line()
    {
        var key = WebhookStateFile.Key("a b", "evt\n x\t 1");
        using (var state = Open())
        {
            state.Record(key, Now);
        }

        Assert.Equal(2, File.ReadAllLines(File1).Length);
        using var again = Open();
        Assert.True(again.Contains(key));
    }

    [Fact]
    public void Old_entries_are_forgotten_and_the_file_is_compacted()
    {
        using (var state = Open())
        {
            state.Record(WebhookStateFile.Key("t", "old"), Now.AddHours(-50));
            state.Record(WebhookStateFile.Key("t", "new"), Now);
        }

        using var again = Open();
        Assert.False(again.Contains(WebhookStateFile.Key("t", "old")));
        Assert.True(again.Contains(WebhookStateFile.Key("t", "new")));
        Assert.Equal(2, File.ReadAllLines(File1).Length);
    }

    [Fact]
    public void The_size_is_bounded_while_running()
    {
        using var state = Open(max: 10);
        for (var i = 0; i < 5000; i++)
        {
            state.Record(WebhookStateFile.Key("t", "evt_" + i), Now);
        }

        Assert.Equal(10, state.Count);
        Assert.True(state.Contains(WebhookStateFile.Key("t", "evt_4999")));
        Assert.False(state.Contains(WebhookStateFile.Key("t", "evt_0")));
        Assert.True(File.ReadAllLines(File1).Length <= 2 * 1000 + 3);
        Assert.False(File.Exists(File1 + ".tmp"));
    }

    [Fact]
    public void A_torn_last_line_is_ignored_and_removed()
    {
        using (var state = Open())
        {
            state.Record(WebhookStateFile.Key("t", "evt_whole"), Now);
        }

        File.AppendAllText(File1, "2026-12-01T12:00:00Z t evt_to");
        using (var again = Open())
        {
            Assert.True(again.Contains(WebhookStateFile.Key("t", "evt_whole")));
            Assert.Equal(1, again.Count);
        }

        Assert.EndsWith("\n", File.ReadAllText(File1));
    }

    [Fact]
    public void A_changed_line_is_an_error_naming_the_line()
    {
        using (var state = Open())
        {
            state.Record(WebhookStateFile.Key("t", "evt_1"), Now);
        }

        File.AppendAllText(File1, "garbage\n");
        var ex = Assert.Throws<WebhookStateFileException>(() => Open());
        Assert.Contains("Line 3", ex.Message);
        Assert.Contains("garbage", File.ReadAllText(File1));   // left as it is, for the user to look at
    }

    [Fact]
    public void A_file_of_something_else_is_refused_untouched()
    {
        File.WriteAllText(File1, "root:x:0:0:root:/root:/bin/bash\n");
        var ex = Assert.Throws<WebhookStateFileException>(() => Open());
        Assert.Contains("not a Coupontools webhook state file", ex.Message);
        Assert.Equal("root:x:0:0:root:/root:/bin/bash\n", File.ReadAllText(File1));
    }

    [Fact]
    public void A_missing_folder_is_refused()
    {
        var ex = Assert.Throws<WebhookStateFileException>(() => WebhookStateFile.Open(Path.Combine(folder, "no", "state.txt"), TimeSpan.FromHours(1), 10, Now));
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void An_empty_existing_file_gets_its_first_line()
    {
        File.WriteAllText(File1, string.Empty);
        using (var state = Open())
        {
            state.Record(WebhookStateFile.Key("t", "evt_1"), Now);
        }

        Assert.Equal(WebhookStateFile.FirstLine, File.ReadAllLines(File1)[0]);
        using var again = Open();
        Assert.Equal(1, again.Count);
    }

    [Fact]
    public void The_ledger_queues_a_new_delivery_once_and_records_it_before_saying_so()
    {
        using var ledger = new WebhookLedger(Open());
        var queued = 0;
        var first = new WebhookEvent { EventId = "evt_1", Type = "coupon_claimed" };
        Assert.Equal(Admission.Accepted, ledger.Admit(first, () =>
        {
            queued++;
            return true;
        }));
        Assert.Contains("evt_1", File.ReadAllText(File1, Encoding.UTF8));
        Assert.Equal(Admission.Duplicate, ledger.Admit(new WebhookEvent { EventId = "evt_1", Type = "coupon_claimed" }, () => throw new InvalidOperationException("not queued again")));
        Assert.Equal(Admission.Accepted, ledger.Admit(new WebhookEvent { EventId = "evt_1", Type = "coupon_created" }, () => true));
        Assert.Equal(Admission.Busy, ledger.Admit(new WebhookEvent { EventId = "evt_2", Type = "coupon_claimed" }, () => false));
        Assert.Equal(Admission.Accepted, ledger.Admit(new WebhookEvent { EventId = "evt_2", Type = "coupon_claimed" }, () => true));
        Assert.Equal(Admission.Accepted, ledger.Admit(new WebhookEvent(), () => true));
        Assert.Equal(Admission.Accepted, ledger.Admit(new WebhookEvent(), () => true));
        Assert.Equal(1, queued);
        ledger.Close();
        Assert.Equal(Admission.Busy, ledger.Admit(new WebhookEvent { EventId = "evt_3", Type = "coupon_claimed" }, () => throw new InvalidOperationException("closed")));
        Assert.DoesNotContain("evt_3", File.ReadAllText(File1, Encoding.UTF8));
        Assert.Equal(Admission.Duplicate, ledger.Admit(new WebhookEvent { EventId = "evt_1", Type = "coupon_claimed" }, () => true));
        Assert.Equal(Admission.Busy, ledger.Admit(new WebhookEvent(), () => true));
    }
}
