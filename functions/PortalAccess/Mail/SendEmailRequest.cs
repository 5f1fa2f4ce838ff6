using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PortalAccess.Mail;

internal sealed record SendEmailRequest(string SenderAddress, EmailContent Content, EmailRecipients Recipients);
