#!/usr/bin/perl
# OsteoOde SBML validation with libSBML (Perl binding, Debian package libsbml5-perl).
#
# Usage: perl validate_sbml.pl FILE...
#
# Policy (see tests/OsteoOde.Testing/Data/biomodels/README.md):
#   pass 1: reading errors, then every consistency category except units (identifier, general, SBO, MathML,
#           overdetermined model, modelling practice), each finding at the severity libSBML gives it;
#   pass 2: unit consistency (plus 80701, "parameter without units", which libSBML reports only with unit checks),
#           every finding counted as a warning. Skipped after errors or MathML findings (libSBML would skip it too).
#
# Output, one finding per line, then one summary line per file:
#   ERROR <id> <line> <message>
#   WARNING <id> <line> <message>
#   SUMMARY <file> errors=<n> warnings=<n>
# Exit status: 0 when no file has an error, 1 otherwise, 2 on bad usage.
use strict;
use warnings;
use LibSBML;

die "usage: perl validate_sbml.pl FILE...\n" unless @ARGV;

my @non_unit_categories = (
    $LibSBML::LIBSBML_CAT_IDENTIFIER_CONSISTENCY,
    $LibSBML::LIBSBML_CAT_GENERAL_CONSISTENCY,
    $LibSBML::LIBSBML_CAT_SBO_CONSISTENCY,
    $LibSBML::LIBSBML_CAT_MATHML_CONSISTENCY,
    $LibSBML::LIBSBML_CAT_OVERDETERMINED_MODEL,
    $LibSBML::LIBSBML_CAT_MODELING_PRACTICE,
);
my $units_category = $LibSBML::LIBSBML_CAT_UNITS_CONSISTENCY;
my $math_category = $LibSBML::LIBSBML_CAT_MATHML_CONSISTENCY;
my $undeclared_parameter_units = 80701;

sub one_line {
    my ($text) = @_;
    $text =~ s/\s+/ /g;
    $text =~ s/^ | $//g;
    return $text;
}

# Reports findings from index $first on; returns (errors, warnings, mathml findings).
sub report {
    my ($doc, $first, $all_as_warnings, $only_units) = @_;
    my ($errors, $warnings, $math) = (0, 0, 0);
    for my $i ($first .. $doc->getNumErrors() - 1) {
        my $finding = $doc->getError($i);
        my $id = $finding->getErrorId();
        next if $only_units && $finding->getCategory() != $units_category && $id != $undeclared_parameter_units;
        $math++ if $finding->getCategory() == $math_category;
        my $serious = $finding->isError() || $finding->isFatal();
        next unless $serious || $finding->isWarning();
        my $kind = ($serious && !$all_as_warnings) ? 'ERROR' : 'WARNING';
        printf "%s %d %d %s\n", $kind, $id, $finding->getLine(), one_line($finding->getMessage());
        if ($kind eq 'ERROR') { $errors++ } else { $warnings++ }
    }
    return ($errors, $warnings, $math);
}

my $any_error = 0;
for my $file (@ARGV) {
    my ($errors, $warnings) = (0, 0);
    my $doc = LibSBML::readSBML($file);
    my ($e, $w, $m) = report($doc, 0, 0, 0);
    ($errors, $warnings) = ($e, $w);
    if (!$errors && !$doc->getModel()) {
        print "ERROR 0 0 the document has no <model> element\n";
        $errors++;
    }

    if (!$errors) {
        $doc->setConsistencyChecks($_, 1) for @non_unit_categories;
        $doc->setConsistencyChecks($units_category, 0);
        my $start = $doc->getNumErrors();
        $doc->checkConsistency();
        ($e, $w, $m) = report($doc, $start, 0, 0);
        $errors += $e;
        $warnings += $w;

        if (!$errors && !$m) {
            my $units = LibSBML::readSBML($file);
            $units->setConsistencyChecks($_, 0) for @non_unit_categories;
            $units->setConsistencyChecks($units_category, 1);
            # 80701 belongs to the modelling-practice category but is only raised together with unit checks.
            $units->setConsistencyChecks($LibSBML::LIBSBML_CAT_MODELING_PRACTICE, 1);
            $start = $units->getNumErrors();
            $units->checkConsistency();
            ($e, $w, $m) = report($units, $start, 1, 1);
            $warnings += $w;
        }
    }

    printf "SUMMARY %s errors=%d warnings=%d\n", $file, $errors, $warnings;
    $any_error = 1 if $errors;
}
exit $any_error;
