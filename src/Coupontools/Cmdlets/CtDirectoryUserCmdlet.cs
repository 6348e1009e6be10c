using System;
using System.Management.Automation;

namespace Coupontools.PowerShell.Cmdlets
{
    /// <summary>
    /// Base of the cmdlets that act on users of a directory (Set-CtDirectoryUser, Grant-/Revoke-CtDirectoryAccess,
    /// New-CtDirectoryUserSsoUrl): -Directory and -User, bound from a piped directory user, one request per user.
    /// </summary>
    public abstract class CtDirectoryUserCmdlet : CtV4DirectoryCmdlet
    {
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

            Refuse(user, $"{MyInvocation.MyCommand.Name} acts on v4 directories, whose directory and user ids are numbers; '{Directory}' / '{user}' is a legacy (dir_/reg_) one.");
            return false;
        }
    }

    /// <summary>
    /// Base of the cmdlets that only exist for v4 directories: one request per input, in the request window of
    /// CtPerInputCmdlet (-ThrottleLimit), and refusals that keep their place in the input order.
    /// </summary>
    public abstract class CtV4DirectoryCmdlet : CtEntityCmdlet
    {
        /// <summary>The directory; from the pipeline, a directory user's Directory property (never its Id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("DirectoryId")]
        [CtId(IdKind.Directory)]
        [ArgumentCompleter(typeof(DirectoryIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; } = string.Empty;

        /// <summary>An input refused before any request: an InvalidArgument error naming it, written in its turn.</summary>
        protected void Refuse(object target, string message) =>
            StartRefused(target, new ErrorRecord(new ArgumentException(message), "Coupontools.InvalidArgument", ErrorCategory.InvalidArgument, target));

        /// <summary>True for a v4 (numeric) directory id; otherwise writes an error naming it and returns false.</summary>
        protected bool IsV4Directory(string directory)
        {
            if (Ids.IsSecondGeneration(directory))
            {
                return true;
            }

            Refuse(directory, $"{MyInvocation.MyCommand.Name} acts on v4 directories, whose ids are numbers; '{directory}' is a legacy directory. List the v4 ones with Get-CtDirectory -Kind V4.");
            return false;
        }
    }
}
