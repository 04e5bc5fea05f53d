//! Ids of the other event types (queues, streams, topics, schedules, buckets, rules, ...).

use super::{normalize_alphanumeric, normalize_name, upper_first};
use super::{normalized_suffixed, suffixed};

/// `<F>EventSourceMappingSQS<Queue>`.
pub fn sqs_mapping_id(function_key: &str, queue: &str) -> String {
    format!(
        "{}EventSourceMappingSQS{}",
        normalize_name(function_key),
        normalize_alphanumeric(queue)
    )
}

/// `<F>EventSourceMapping<Type><Stream>` (`Dynamodb`, `Kinesis`).
pub fn stream_mapping_id(function_key: &str, stream_type: &str, stream: &str) -> String {
    format!(
        "{}EventSourceMapping{}{}",
        normalize_name(function_key),
        upper_first(stream_type),
        normalize_alphanumeric(stream)
    )
}

/// The name of a Kinesis consumer the framework creates: `<F><stream>Consumer`, or with
/// `provider.kinesis.consumerNamingMode` `<F><stream><service><stage>Consumer`.
pub fn stream_consumer_name(
    function_key: &str,
    stream: &str,
    service_and_stage: Option<(&str, &str)>,
) -> String {
    match service_and_stage {
        Some((service, stage)) => format!("{function_key}{stream}{service}{stage}Consumer"),
        None => format!("{function_key}{stream}Consumer"),
    }
}

/// `<Consumer>StreamConsumer`.
pub fn stream_consumer_id(consumer_name: &str) -> String {
    normalized_suffixed(consumer_name, "StreamConsumer")
}

// --- message brokers, load balancers, CloudFront, IoT fleet provisioning ---

/// `normalizeNameToAlphaNumericOnly(name)` cut to `max` characters (ids stay under 255).
fn alphanumeric_cut(name: &str, max: usize) -> String {
    normalize_alphanumeric(name).chars().take(max).collect()
}

/// `<F>EventSourceMappingKafka<Topic>` (topic cut to 158 characters).
pub fn kafka_mapping_id(function_key: &str, topic: &str) -> String {
    let topic = alphanumeric_cut(topic, 158);
    format!(
        "{}EventSourceMappingKafka{topic}",
        normalize_name(function_key)
    )
}

/// `<F>EventSourceMappingMSK<Cluster><Topic>` (each cut to 79 characters).
pub fn msk_mapping_id(function_key: &str, cluster: &str, topic: &str) -> String {
    let (cluster, topic) = (alphanumeric_cut(cluster, 79), alphanumeric_cut(topic, 79));
    format!(
        "{}EventSourceMappingMSK{cluster}{topic}",
        normalize_name(function_key)
    )
}

/// `<F>EventSourceMapping<Broker><Queue>` (`ActiveMQ`, `RabbitMQ`; queue cut to 150).
pub fn mq_mapping_id(function_key: &str, broker: &str, queue: &str) -> String {
    let queue = alphanumeric_cut(queue, 150);
    format!(
        "{}EventSourceMapping{broker}{queue}",
        normalize_name(function_key)
    )
}

/// `<F>IotProvisioningTemplate`.
pub fn iot_provisioning_template_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "IotProvisioningTemplate")
}

/// `<F>LambdaPermissionIotProvisioningTemplate`.
pub fn iot_provisioning_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionIotProvisioningTemplate")
}

/// `<F>Alb[MultiValue]TargetGroup<AlbId>`.
pub fn alb_target_group_id(function_key: &str, alb_id: &str, multi_value: bool) -> String {
    let multi = if multi_value { "MultiValue" } else { "" };
    format!(
        "{}Alb{multi}TargetGroup{alb_id}",
        normalize_name(function_key)
    )
}

/// `<service>-<function>-<albId>-[multi-value-]<stage>`: the target group's `Name` tag, and
/// what its generated name is hashed from.
pub fn alb_target_group_tag(
    service: &str,
    function_key: &str,
    alb_id: &str,
    multi_value: bool,
    stage: &str,
) -> String {
    let multi = if multi_value { "multi-value-" } else { "" };
    format!("{service}-{function_key}-{alb_id}-{multi}{stage}")
}

/// A target group's generated name: `provider.alb.targetGroupPrefix` then the MD5 of its
/// tag in hex, cut to 32 characters.
pub fn alb_target_group_name(prefix: &str, tag: &str) -> String {
    use md5::{Digest, Md5};
    let hash: String = Md5::digest(tag.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{prefix}{hash}").chars().take(32).collect()
}

/// `<F>AlbListenerRule<priority>`.
pub fn alb_listener_rule_id(function_key: &str, priority: &str) -> String {
    format!("{}AlbListenerRule{priority}", normalize_name(function_key))
}

/// `<F>LambdaPermissionAlb`.
pub fn alb_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionAlb")
}

/// `<F>LambdaPermissionRegisterTarget`.
pub fn alb_register_target_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaPermissionRegisterTarget")
}

pub const CLOUDFRONT_DISTRIBUTION_ID: &str = "CloudFrontDistribution";
pub const CLOUDFRONT_DOMAIN_NAME_OUTPUT_ID: &str = "CloudFrontDistributionDomainName";

/// `<F>LambdaFunctionInvokePermission`: Lambda@Edge may invoke the function's version.
pub fn lambda_edge_permission_id(function_key: &str) -> String {
    normalized_suffixed(function_key, "LambdaFunctionInvokePermission")
}

/// `CloudFrontCachePolicy<Name>` of a `provider.cloudFront.cachePolicies` entry.
pub fn cloudfront_cache_policy_id(name: &str) -> String {
    format!("CloudFrontCachePolicy{}", normalize_name(name))
}

/// `<service>-<stage>-<name>`: the deployed name of a cache policy.
pub fn cloudfront_cache_policy_name(service: &str, stage: &str, name: &str) -> String {
    format!("{service}-{stage}-{name}")
}

// --- end ---

/// `<F>EventsRuleSchedule<n>` (n from 1 per function).
pub fn schedule_rule_id(function_key: &str, index: usize) -> String {
    format!("{}EventsRuleSchedule{index}", normalize_name(function_key))
}

/// `<F>SchedulerSchedule<n>` (`method: scheduler`).
pub fn scheduler_schedule_id(function_key: &str, index: usize) -> String {
    format!("{}SchedulerSchedule{index}", normalize_name(function_key))
}

pub fn schedule_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LambdaPermissionEventsRuleSchedule{index}",
        normalize_name(function_key)
    )
}

/// `SNSTopic<Topic>`.
pub fn sns_topic_id(topic: &str) -> String {
    format!("SNSTopic{}", normalize_alphanumeric(topic))
}

/// `<F>SnsSubscription<Topic>`.
pub fn sns_subscription_id(function_key: &str, topic: &str) -> String {
    format!(
        "{}SnsSubscription{}",
        normalize_name(function_key),
        normalize_alphanumeric(topic)
    )
}

/// `<F>LambdaPermission<Topic>SNS`.
pub fn sns_permission_id(function_key: &str, topic: &str) -> String {
    format!(
        "{}LambdaPermission{}SNS",
        normalize_name(function_key),
        normalize_alphanumeric(topic)
    )
}

/// `<Topic>To<F>DLQPolicy`: the dead-letter queue's policy of a subscription.
pub fn sns_dlq_policy_id(function_key: &str, topic: &str) -> String {
    format!(
        "{}To{}DLQPolicy",
        normalize_alphanumeric(topic),
        normalize_name(function_key)
    )
}

/// `S3Bucket<Bucket>` (the bucket's `provider.s3` key, else its name).
pub fn s3_bucket_id(bucket: &str) -> String {
    format!("S3Bucket{}", normalize_alphanumeric(bucket))
}

/// `<F>LambdaPermission<Bucket>S3`.
pub fn s3_permission_id(function_key: &str, bucket: &str) -> String {
    format!(
        "{}LambdaPermission{}S3",
        normalize_name(function_key),
        normalize_alphanumeric(bucket)
    )
}

/// `<F>CustomS31`: the custom resource configuring an existing bucket for a function.
pub fn s3_custom_resource_id(function_key: &str) -> String {
    format!("{}CustomS31", normalize_name(function_key))
}

/// `<F>EventsRuleCloudWatchEvent<n>`.
pub fn cloudwatch_event_rule_id(function_key: &str, index: usize) -> String {
    format!(
        "{}EventsRuleCloudWatchEvent{index}",
        normalize_name(function_key)
    )
}

pub fn cloudwatch_event_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LambdaPermissionEventsRuleCloudWatchEvent{index}",
        normalize_name(function_key)
    )
}

/// `<F>LogsSubscriptionFilterCloudWatchLog<n>`.
pub fn cloudwatch_log_filter_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LogsSubscriptionFilterCloudWatchLog{index}",
        normalize_name(function_key)
    )
}

/// `<F>LambdaPermissionLogsSubscriptionFilterCloudWatchLog`: one per function.
pub fn cloudwatch_log_permission_id(function_key: &str) -> String {
    normalized_suffixed(
        function_key,
        "LambdaPermissionLogsSubscriptionFilterCloudWatchLog",
    )
}

/// `<Bus>EventBridgeEventBus`.
pub fn event_bridge_bus_id(bus: &str) -> String {
    normalized_suffixed(bus, "EventBridgeEventBus")
}

/// `<Rule>EventBridgeRule` from `<function name>-rule-<n>` (alphanumerics only).
pub fn event_bridge_rule_id(rule_stub: &str) -> String {
    suffixed(normalize_alphanumeric(rule_stub), "EventBridgeRule")
}

/// `<F>EventBridgeLambdaPermission<n>`.
pub fn event_bridge_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}EventBridgeLambdaPermission{index}",
        normalize_name(function_key)
    )
}

/// `<F>CustomEventBridge<n>`.
pub fn event_bridge_custom_resource_id(function_key: &str, index: usize) -> String {
    format!("{}CustomEventBridge{index}", normalize_name(function_key))
}

/// `CognitoUserPool<Pool>`.
pub fn cognito_pool_id(pool: &str) -> String {
    format!("CognitoUserPool{}", normalize_alphanumeric(pool))
}

/// `<F>LambdaPermissionCognitoUserPool<Pool>TriggerSource<Trigger>`.
pub fn cognito_permission_id(function_key: &str, pool: &str, trigger: &str) -> String {
    format!(
        "{}LambdaPermissionCognitoUserPool{}TriggerSource{}",
        normalize_name(function_key),
        normalize_alphanumeric(pool),
        normalize_alphanumeric(trigger)
    )
}

/// `<F>CustomCognitoUserPool1`: the custom resource configuring an existing pool.
pub fn cognito_custom_resource_id(function_key: &str) -> String {
    format!("{}CustomCognitoUserPool1", normalize_name(function_key))
}

/// `<F>LambdaPermissionAlexaSkill<n>`.
pub fn alexa_skill_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LambdaPermissionAlexaSkill{index}",
        normalize_name(function_key)
    )
}

/// `<F>LambdaPermissionAlexaSmartHome<n>`.
pub fn alexa_smart_home_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LambdaPermissionAlexaSmartHome{index}",
        normalize_name(function_key)
    )
}

/// `<F>IotTopicRule<n>`.
pub fn iot_rule_id(function_key: &str, index: usize) -> String {
    format!("{}IotTopicRule{index}", normalize_name(function_key))
}

/// `<F>LambdaPermissionIotTopicRule<n>`.
pub fn iot_permission_id(function_key: &str, index: usize) -> String {
    format!(
        "{}LambdaPermissionIotTopicRule{index}",
        normalize_name(function_key)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_ids() {
        assert_eq!(
            sqs_mapping_id("my-fn", "my-queue.fifo"),
            "MyDashfnEventSourceMappingSQSMyqueuefifo"
        );
        assert_eq!(
            stream_mapping_id("f", "dynamodb", "Table"),
            "FEventSourceMappingDynamodbTable"
        );
        assert_eq!(schedule_rule_id("cron", 1), "CronEventsRuleSchedule1");
        assert_eq!(sns_topic_id("my-topic"), "SNSTopicMytopic");
        assert_eq!(sns_dlq_policy_id("f", "t"), "TToFDLQPolicy");
    }
}
