namespace Straja.Registry;

/// <summary>Why the registry refused a change. Persisted nowhere; safe to reorder, but callers (REST) map them to status codes.</summary>
public enum RegistryError
{
    InvalidField,
    NotFound,
    AlreadyExists,
    IllegalTransition,
    RecipientNotMember,
    LicenceMissing,
    LicenceExpired,
    QuantityExceeded,
    ImportRejected,
}

/// <summary>A refused change: <see cref="Code"/> for programs, the message for people (it names the unit and the states).</summary>
public sealed class RegistryException : Exception
{
    public RegistryException(RegistryError code, string message) : base(message) => Code = code;

    public RegistryException() : this(RegistryError.InvalidField, "registry change refused") { }

    public RegistryException(string message) : this(RegistryError.InvalidField, message) { }

    public RegistryException(string message, Exception innerException) : base(message, innerException) =>
        Code = RegistryError.InvalidField;

    public RegistryError Code { get; }
}
