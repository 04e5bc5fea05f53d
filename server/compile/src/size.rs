//! What the template weighs at least, from the plan alone: each item's id and type as the
//! uploaded (minified) template writes them, plus, for the resources the framework generates in
//! numbers, the properties it always writes (checked against every rendered fixture in
//! `tests/plan.rs`). The deploy-limit rule compares it with CloudFormation's 1 MB without
//! rendering.

use crate::plan::{Item, Listing, Origin, Section};

/// `{"AWSTemplateFormatVersion":"2010-09-09","Description":"…","Resources":{},"Outputs":{}}`
/// without the description.
const SKELETON: usize = 80;

/// Bytes every generated resource of a type writes besides `"<id>":{"Type":"<type>"}`: the
/// properties the framework always sets (names written, values at their shortest).
fn generated_properties(resource_type: &str) -> usize {
    match resource_type {
        // Code, FunctionName, MemorySize, Timeout, Runtime/ImageUri…
        "AWS::Lambda::Function" => 150,
        // DeletionPolicy Retain, FunctionName, CodeSha256 (a digest only packaging knows).
        "AWS::Lambda::Version" => 80,
        // LogGroupName `/aws/lambda/…`.
        "AWS::Logs::LogGroup" => 40,
        // FunctionName, Action `lambda:InvokeFunction`, Principal.
        "AWS::Lambda::Permission" => 100,
        // HttpMethod, RequestParameters, ResourceId, RestApiId, ApiKeyRequired,
        // AuthorizationType, Integration.
        "AWS::ApiGateway::Method" => 200,
        // ParentId, PathPart, RestApiId.
        "AWS::ApiGateway::Resource" => 60,
        // ApiId, RouteKey, AuthorizationType, Target.
        "AWS::ApiGatewayV2::Route" => 100,
        // ApiId, IntegrationType, IntegrationUri.
        "AWS::ApiGatewayV2::Integration" => 120,
        // ApiId, RouteId, RouteResponseKey.
        "AWS::ApiGatewayV2::RouteResponse" => 80,
        // FunctionName, event source, Enabled…
        "AWS::Lambda::EventSourceMapping" => 100,
        // State, Targets (Arn, Id), the schedule or pattern.
        "AWS::Events::Rule" => 100,
        // TopicArn, Protocol `lambda`, Endpoint.
        "AWS::SNS::Subscription" => 80,
        _ => 0,
    }
}

/// The least an item adds to the template.
pub fn min_item_bytes(item: &Item) -> usize {
    match item.section {
        // `"<id>":{"Type":"<type>"},`
        Section::Resources => {
            let generated = if item.origin == Origin::UserResource {
                0
            } else {
                generated_properties(&item.resource_type)
            };
            item.id.len() + item.resource_type.len() + 15 + generated
        }
        // `"<id>":{"Value":…},`
        Section::Outputs => item.id.len() + 12,
    }
}

impl Listing {
    /// A lower bound of the template's size as uploaded (minified JSON), in bytes.
    pub fn min_template_bytes(&self) -> usize {
        SKELETON + self.items().iter().map(min_item_bytes).sum::<usize>()
    }
}
