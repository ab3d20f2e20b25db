# RT initialdata (rt-setup-database --action insert --datafile tools/rt/stageplus-scrip.pl):
# the global "StagePlus webhook" scrip, On Transaction, a User Defined action whose commit code is
# stageplus-webhook.pl beside this file. Inserting it again updates the code in place (one scrip).
use strict;
use warnings;
use File::Basename qw(dirname);
use File::Spec;

my $description = 'StagePlus webhook: post each transaction to the SLA monitor intake';
my $file = File::Spec->catfile( dirname( File::Spec->rel2abs(__FILE__) ), 'stageplus-webhook.pl' );
open my $fh, '<', $file or die "cannot read $file: $!";
my $code = do { local $/; <$fh> };
close $fh;

our @Final = (
    sub {
        my $scrip = RT::Scrip->new( RT->SystemUser );
        $scrip->LoadByCols( Description => $description );
        if ( $scrip->id ) {
            my ( $ok, $msg ) = $scrip->SetCustomCommitCode($code);
            die "updating scrip " . $scrip->id . ": $msg" unless $ok || $msg =~ /already|That is already/i;
            RT->Logger->info( "StagePlus webhook scrip " . $scrip->id . " updated" );
            return;
        }
        my ( $id, $msg ) = $scrip->Create(
            Description            => $description,
            ScripCondition         => 'On Transaction',
            ScripAction            => 'User Defined',
            Template               => 'Blank',
            Stage                  => 'TransactionCreate',
            CustomIsApplicableCode => '',
            CustomPrepareCode      => 'return 1;',
            CustomCommitCode       => $code,
        );
        die "creating the StagePlus webhook scrip: $msg" unless $id;
        RT->Logger->info("StagePlus webhook scrip $id created");
    },
);
1;
