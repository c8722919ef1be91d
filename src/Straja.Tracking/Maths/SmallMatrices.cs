using System.Runtime.CompilerServices;

namespace Straja.Tracking;

// Fixed-size value buffers so the per-measurement path (innovation, gating, update) lives on the stack.

/// <summary>A 6-vector: the state [E, N, U, vE, vN, vU].</summary>
[InlineArray(6)]
internal struct Vector6
{
    private double _element0;
}

/// <summary>A 6x6 matrix, row-major.</summary>
[InlineArray(36)]
internal struct Matrix6
{
    private double _element0;
}

/// <summary>A measurement-space vector of up to 3 components.</summary>
[InlineArray(3)]
internal struct Vector3
{
    private double _element0;
}

/// <summary>A 3x3 matrix, row-major; measurement-space blocks use the leading dim x dim part.</summary>
[InlineArray(9)]
internal struct Matrix3
{
    private double _element0;
}

internal static class SmallMatrix
{
    public static double Get(this in Matrix6 m, int row, int col) => m[(row * 6) + col];

    public static double Get(this in Matrix3 m, int row, int col) => m[(row * 3) + col];

    public static void Set(this ref Matrix6 m, int row, int col, double value) => m[(row * 6) + col] = value;

    public static void Set(this ref Matrix3 m, int row, int col, double value) => m[(row * 3) + col] = value;

    /// <summary>Writes c = a · b for 6x6 matrices.</summary>
    public static void Multiply(in Matrix6 a, in Matrix6 b, ref Matrix6 c)
    {
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++)
                    sum += a[(i * 6) + k] * b[(k * 6) + j];
                c[(i * 6) + j] = sum;
            }
        }
    }

    /// <summary>Writes c = a · bᵀ for 6x6 matrices.</summary>
    public static void MultiplyTransposed(in Matrix6 a, in Matrix6 b, ref Matrix6 c)
    {
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++)
                    sum += a[(i * 6) + k] * b[(j * 6) + k];
                c[(i * 6) + j] = sum;
            }
        }
    }

    /// <summary>Replaces m by (m + mᵀ)/2, undoing the asymmetry rounding leaves after an update.</summary>
    public static void Symmetrise(ref Matrix6 m)
    {
        for (var i = 0; i < 6; i++)
        {
            for (var j = i + 1; j < 6; j++)
            {
                var mean = 0.5 * (m[(i * 6) + j] + m[(j * 6) + i]);
                m[(i * 6) + j] = mean;
                m[(j * 6) + i] = mean;
            }
        }
    }

    /// <summary>
    /// Cholesky factor L (lower, leading dim x dim) of a symmetric positive-definite matrix.
    /// False when the matrix is not positive definite.
    /// </summary>
    public static bool TryCholesky(in Matrix3 s, int dim, out Matrix3 l)
    {
        l = default;
        for (var j = 0; j < dim; j++)
        {
            var diagonal = s.Get(j, j);
            for (var k = 0; k < j; k++)
                diagonal -= l.Get(j, k) * l.Get(j, k);
            if (!(diagonal > 0))
                return false;
            var ljj = Math.Sqrt(diagonal);
            l.Set(j, j, ljj);
            for (var i = j + 1; i < dim; i++)
            {
                var sum = s.Get(i, j);
                for (var k = 0; k < j; k++)
                    sum -= l.Get(i, k) * l.Get(j, k);
                l.Set(i, j, sum / ljj);
            }
        }

        return true;
    }

    /// <summary>Solves (L Lᵀ) x = b in place for the leading dim components.</summary>
    public static void CholeskySolve(in Matrix3 l, int dim, ref Vector3 b)
    {
        for (var i = 0; i < dim; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
                sum -= l.Get(i, k) * b[k];
            b[i] = sum / l.Get(i, i);
        }

        for (var i = dim - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < dim; k++)
                sum -= l.Get(k, i) * b[k];
            b[i] = sum / l.Get(i, i);
        }
    }

    /// <summary>
    /// Largest eigenvalue of a symmetric 3x3 matrix, closed form (the trigonometric solution of the
    /// characteristic cubic; O. K. Smith, "Eigenvalues of a symmetric 3×3 matrix", CACM 4(4), 1961).
    /// </summary>
    public static double LargestEigenvalueSymmetric(double a00, double a01, double a02, double a11, double a12, double a22)
    {
        var offDiagonal = (a01 * a01) + (a02 * a02) + (a12 * a12);
        var mean = (a00 + a11 + a22) / 3;
        if (offDiagonal <= 1e-300)
            return Math.Max(a00, Math.Max(a11, a22));
        var d0 = a00 - mean;
        var d1 = a11 - mean;
        var d2 = a22 - mean;
        var p = Math.Sqrt(((d0 * d0) + (d1 * d1) + (d2 * d2) + (2 * offDiagonal)) / 6);
        // B = (A - mean·I)/p; r = det(B)/2 lies in [-1, 1] up to rounding.
        var b00 = d0 / p;
        var b11 = d1 / p;
        var b22 = d2 / p;
        var b01 = a01 / p;
        var b02 = a02 / p;
        var b12 = a12 / p;
        var det = (b00 * ((b11 * b22) - (b12 * b12))) - (b01 * ((b01 * b22) - (b12 * b02))) + (b02 * ((b01 * b12) - (b11 * b02)));
        var r = Math.Clamp(det / 2, -1, 1);
        var phi = Math.Acos(r) / 3;
        return mean + (2 * p * Math.Cos(phi));
    }
}
