# The commit code of the "StagePlus webhook" scrip (a User Defined action on "On Transaction";
# stageplus-scrip.pl installs it). RT runs it in the request that made the transaction, so it
# never dies and waits at most $StagePlusWebhookTimeout seconds: a failed POST is logged with the
# transaction id and the intake's answer, and the transaction stands (delivery is at most once).
# Body: {"ticket": {id, queue, status, priority, subject, requestor},
#        "transaction": {id, type, field, old_value, new_value, created, creator, creator_is_requestor}}
# with "created" as RT stores it (UTC, "YYYY-MM-DD HH:MM:SS") and "" values sent as null.
use strict;
use warnings;
use HTTP::Tiny;
use JSON ();

my $url = RT->Config->Get('StagePlusWebhookUrl');
return 1 unless $url;
my $txn = $self->TransactionObj;
my $ticket = $self->TicketObj;
my @types = @{ RT->Config->Get('StagePlusWebhookTypes') || [qw(Create Status Correspond Comment Set)] };
return 1 unless grep { $_ eq $txn->Type } @types;

my $text = sub { my $v = shift; defined $v && length $v ? "$v" : undef };
my $number = sub { my $v = shift; defined $v && length $v ? 0 + $v : undef };
my ($requestor) = split /\s*,\s*/, ($ticket->RequestorAddresses // '');
my $body = {
    ticket => {
        id        => $number->( $ticket->id ),
        queue     => $text->( $ticket->QueueObj->Name ),
        status    => $text->( $ticket->Status ),
        priority  => $number->( $ticket->Priority ),
        subject   => $text->( $ticket->Subject ),
        requestor => $text->($requestor),
    },
    transaction => {
        id        => $number->( $txn->id ),
        type      => $text->( $txn->Type ),
        field     => $text->( $txn->Field ),
        old_value => $text->( $txn->OldValue ),
        new_value => $text->( $txn->NewValue ),
        created   => $text->( $txn->Created ),
        creator   => $text->( $txn->CreatorObj->Name ),
        # RT knows whether whoever made the transaction is one of the ticket's requestors: a
        # requestor's login need not be their address, so comparing names would miss them.
        creator_is_requestor => $ticket->IsRequestor( $txn->Creator ) ? JSON::true : JSON::false,
    },
};

my $key = RT->Config->Get('StagePlusWebhookKey');
my $response = eval {
    HTTP::Tiny->new(
        timeout => RT->Config->Get('StagePlusWebhookTimeout') || 3,
        agent   => "RT/$RT::VERSION stageplus-webhook",
    )->post( $url, {
        headers => {
            'Content-Type' => 'application/json',
            ( $key ? ( Authorization => "Bearer $key" ) : () ),
        },
        content => JSON->new->utf8->canonical->encode($body),
    } );
};
( my $where = $url ) =~ s/\?.*//;
if ( !$response ) {
    RT->Logger->error( "StagePlus webhook: transaction " . $txn->id . " not posted to $where: $@" );
} elsif ( !$response->{success} ) {
    my $answer = substr( $response->{content} // '', 0, 500 );
    RT->Logger->error( "StagePlus webhook: transaction " . $txn->id . " refused by $where: $response->{status} $response->{reason} $answer" );
} else {
    RT->Logger->info( "StagePlus webhook: transaction " . $txn->id . " posted ($response->{status})" );
}
return 1;
