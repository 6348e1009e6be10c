using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using Coupontools.Client.Http;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that act on users of a directory (Set-CtDirectoryUser, Grant-/Revoke-CtDirectoryAccess,
    /// New-CtDirectoryUserSsoUrl): -Directory and -User, bound from a piped directory user, one request per user.
    /// </summary>
    public abstract class CtDirectoryUserCmdlet : CtV4DirectoryCmdlet
    {
        /// <summary>The directory; from the pipeline, a directory user's Directory property (never its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        /// <summary>The users; from the pipeline, a directory user's Id.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "UserId")]
        [CtId(IdKind.DirectoryUser)]
        [ValidateNotNullOrEmpty]
        public string[] User { get; set; } = Array.Empty<string>();

        /// <summary>"user 5 of directory 3001", as ShouldProcess shows it.</summary>
        protected string Describe(string user) => $"user {user} of directory {Directory}";

        /// <summary>True when the directory and <paramref name="user"/> are both v4 ids; otherwise writes an error naming the user and returns false.</summary>
        protected bool BothV4(string user)
        {
            if (Ids.IsSecondGeneration(Directory) && Ids.IsSecondGeneration(user))
            {
                return true;
            }

            WriteError(new ErrorRecord(new ArgumentException(
                $"{MyInvocation.MyCommand.Name} acts on v4 directories, whose directory and user ids are numbers; '{Directory}' / '{user}' is a legacy (dir_/reg_) one."),
                "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, user));
            return false;
        }
    }

    /// <summary>
    /// Base of the cmdlets that only exist for v4 directories: one request per input, the work given as a call and a
    /// write so that the request window (issue 14) can run it.
    /// </summary>
    public abstract class CtV4DirectoryCmdlet : CtEntityCmdlet
    {
        /// <summary>Runs one input's request; on success hands the result to <paramref name="write"/>, on failure writes the error naming <paramref name="target"/>.</summary>
        protected void Run<T>(object target, Func<CoupontoolsClient, CancellationToken, Task<T>> call, Action<T> write)
        {
            if (TryCall(call, target, out var result))
            {
                write(result);
            }
        }

        /// <summary>True for a v4 (numeric) directory id; otherwise writes an error naming it and returns false.</summary>
        protected bool IsV4Directory(string directory)
        {
            if (Ids.IsSecondGeneration(directory))
            {
                return true;
            }

            WriteError(new ErrorRecord(new ArgumentException(
                $"{MyInvocation.MyCommand.Name} acts on v4 directories, whose ids are numbers; '{directory}' is a legacy directory. List the v4 ones with Get-CtDirectory -Kind V4."),
                "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, directory));
            return false;
        }
    }
}
